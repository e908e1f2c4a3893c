// The page's shell: routes (#/…), the header (who is logged in, feed status) and the login gate.

import { session } from './session.js';
import { priceFeed, userFeed, listen } from './feeds.js';
import { h, fill } from './dom.js';
import { money } from './format.js';
import * as login from './views/login.js';
import * as markets from './views/markets.js';
import * as game from './views/game.js';
import * as account from './views/account.js';
import * as admin from './views/admin.js';

const main = document.getElementById('main');
let current = null; // { cleanup }
let firstRoute = true;

const routes = [
  { pattern: /^#?\/?$/, view: markets, nav: 'markets', user: true, params: () => ({ league: null }) },
  { pattern: /^#\/league\/([^/]+)$/, view: markets, nav: 'markets', user: true, params: (m) => ({ league: decodeURIComponent(m[1]) }) },
  { pattern: /^#\/game\/([0-9a-fA-F]{24})$/, view: game, nav: 'markets', user: true, params: (m) => ({ gameID: m[1].toLowerCase() }) },
  { pattern: /^#\/account$/, view: account, nav: 'account', user: true, params: () => ({}) },
  { pattern: /^#\/admin$/, view: admin, nav: 'admin', user: false, params: () => ({}) },
  { pattern: /^#\/login$/, view: login, nav: null, user: false, params: () => ({ next: '#/' }) },
];

function route() {
  const hash = location.hash || '#/';
  let match = null;
  let found = routes.find((r) => (match = hash.match(r.pattern)));
  if (!found) {
    found = { view: null, nav: null, user: false };
  }
  if (current) {
    current.cleanup?.();
    current = null;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === found.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  fill(main);
  if (!found.view) {
    document.title = 'Not found — OpenLine';
    fill(main, h('h1', null, 'Page not found'), h('p', null, 'There is nothing at this address. ', h('a', { href: '#/' }, 'Go to the markets'), '.'));
  } else if (found.user && !session.loggedIn) {
    current = { cleanup: login.mount(main, { next: hash }) };
  } else {
    current = { cleanup: found.view.mount(main, found.params(match)) };
  }
  if (!firstRoute) {
    const heading = main.querySelector('h1');
    (heading ?? main).setAttribute('tabindex', '-1');
    (heading ?? main).focus({ preventScroll: false });
  }
  firstRoute = false;
}

function renderWho() {
  const who = document.getElementById('who');
  const logout = document.getElementById('logout');
  const me = session.me;
  if (!me) {
    fill(who, h('a', { href: '#/login' }, 'Log in'));
    logout.hidden = true;
    return;
  }
  fill(who,
    h('span', { class: 'who-name' }, me.username),
    h('span', { class: 'who-available', title: 'Available to bet' }, h('span', { class: 'visually-hidden' }, 'Available: '), money(me.available), h('span', { class: 'who-label', 'aria-hidden': 'true' }, ' available')));
  logout.hidden = false;
}

function renderFeedStatus() {
  const el = document.getElementById('feed-status');
  const states = [priceFeed.state, userFeed.state];
  let state = 'idle';
  let text = '';
  if (!session.loggedIn) {
    state = 'idle';
  } else if (states.every((s) => s === 'open')) {
    state = 'open';
    text = 'Live';
  } else if (states.some((s) => s === 'reconnecting')) {
    state = 'reconnecting';
    text = 'Reconnecting…';
  } else {
    state = 'connecting';
    text = 'Connecting…';
  }
  el.dataset.state = state;
  el.textContent = text;
  el.title = state === 'open' ? 'Prices and your account update live' : text;
}

async function start() {
  document.getElementById('logout').addEventListener('click', async () => {
    await session.logout().catch(() => {});
    location.hash = '#/login';
  });
  session.on('me', renderWho);
  session.on('logged-out', () => route());
  for (const feed of [priceFeed, userFeed]) listen(feed, 'state', renderFeedStatus);
  session.on('me', renderFeedStatus);
  window.addEventListener('hashchange', route);
  try {
    await session.restore();
  } catch (error) {
    fill(main, h('h1', null, 'OpenLine'), h('p', { class: 'error', role: 'alert' }, error.message));
    return;
  }
  renderWho();
  route();
}

start();
