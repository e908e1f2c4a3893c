// Who is logged in, their account figures, and the operator token. Views listen for 'me' (account
// figures changed) and 'user-message' (a user-feed message) instead of talking to the feed directly.

import * as api from './api.js';
import { priceFeed, userFeed, listen } from './feeds.js';
import { debounce } from './dom.js';

const ADMIN_KEY = 'openline.operatorToken';

class Session extends EventTarget {
  constructor() {
    super();
    this.me = null;
    this.delays = { defaultSeconds: 10, leagues: {} };
    this.refreshMe = debounce(() => this.loadMe().catch(() => {}), 150);
    listen(userFeed, 'message', (message) => {
      this.refreshMe();
      this.emit('user-message', message);
    });
    // After a reconnect the feed has a gap: reload the figures (views reload their own data on 'feed-open').
    listen(userFeed, 'open', (detail) => {
      this.refreshMe();
      this.emit('feed-open', detail);
    });
    api.onUnauthorized(() => this.lost());
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  on(type, handler) {
    const wrapped = (event) => handler(event.detail);
    this.addEventListener(type, wrapped);
    return () => this.removeEventListener(type, wrapped);
  }

  get loggedIn() {
    return this.me !== null;
  }

  /** Finds out whether the cookie still holds a session (on start and after a reload). */
  async restore() {
    try {
      await this.loadMe();
    } catch (error) {
      if (error.status !== 401) throw error;
    }
    return this.loggedIn;
  }

  async loadMe() {
    const me = await api.getMe();
    const first = this.me === null;
    this.me = me;
    if (first) this.started();
    this.emit('me', me);
    return me;
  }

  async login(username, password) {
    await api.login(username, password); // sets the HttpOnly auth cookie; the token in the body is not kept
    return this.loadMe();
  }

  async logout() {
    try {
      await api.logout();
    } finally {
      this.lost();
    }
  }

  started() {
    userFeed.start();
    priceFeed.start();
    api.getLiveDelays().then((delays) => { this.delays = delays; this.emit('delays', delays); }).catch(() => {});
  }

  lost() {
    if (this.me === null) return;
    this.me = null;
    this.refreshMe.cancel();
    userFeed.stop();
    priceFeed.stop();
    this.emit('me', null);
    this.emit('logged-out', null);
  }

  /** The live bet delay of a league in seconds (rules §6). */
  delayFor(league) {
    const leagues = this.delays.leagues ?? {};
    const key = Object.keys(leagues).find((l) => l.toLowerCase() === String(league).toLowerCase());
    return key === undefined ? this.delays.defaultSeconds : leagues[key];
  }

  /** The operator token lives in this tab's sessionStorage only: gone when the tab closes. */
  get adminToken() {
    try { return sessionStorage.getItem(ADMIN_KEY) ?? this.memoryToken ?? null; } catch { return this.memoryToken ?? null; }
  }

  set adminToken(token) {
    this.memoryToken = token || null;
    try {
      if (token) sessionStorage.setItem(ADMIN_KEY, token);
      else sessionStorage.removeItem(ADMIN_KEY);
    } catch { /* storage disabled: the token lasts until the next reload */ }
  }
}

export const session = new Session();
