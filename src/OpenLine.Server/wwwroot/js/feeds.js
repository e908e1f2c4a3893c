// The two streaming feeds (API §6): the price feed /price-stream and the caller's user feed
// /v2/user. The browser sends the `auth` cookie with the WebSocket upgrade (same origin), which the
// server accepts like an Authorization header. Both reconnect on their own with backoff; after every
// (re)connect listeners get 'open', so views reload a REST snapshot and miss nothing in the gap.

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000];

class Feed extends EventTarget {
  constructor(path) {
    super();
    this.path = path;
    this.socket = null;
    this.wanted = false;
    this.attempt = 0;
    this.timer = null;
    this.state = 'idle';
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${scheme}//${location.host}${this.path}`;
  }

  start() {
    if (this.wanted) return;
    this.wanted = true;
    this.connect();
  }

  stop() {
    this.wanted = false;
    clearTimeout(this.timer);
    if (this.socket) {
      const s = this.socket;
      this.socket = null;
      s.close(1000, 'logged out');
    }
    this.setState('idle');
  }

  connect() {
    clearTimeout(this.timer);
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let socket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      const reconnected = this.attempt > 0;
      this.attempt = 0;
      this.setState('open');
      this.onOpen();
      this.dispatchEvent(new CustomEvent('open', { detail: { reconnected } }));
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      let message;
      try { message = JSON.parse(event.data); } catch { return; }
      this.dispatchEvent(new CustomEvent('message', { detail: message }));
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.wanted) this.retry();
    });
  }

  retry() {
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.setState('reconnecting');
    this.dispatchEvent(new CustomEvent('lost', { detail: { attempt: this.attempt } }));
    this.timer = setTimeout(() => { if (this.wanted) this.connect(); }, delay);
  }

  send(message) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  onOpen() {}

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}

/**
 * The price feed, subscribed to what the current view shows. A change of interest first adds the
 * new keys and only then removes the old ones, so an update of a game the view is loading is never
 * filtered out in between; the subscription is sent before the view asks for its REST snapshot.
 */
class PriceFeed extends Feed {
  constructor() {
    super('/price-stream');
    this.interest = { all: true, games: [], leagues: [] };
  }

  onOpen() {
    this.sendInterest(null);
  }

  /** { all: true } or { games: [ids], leagues: [names] } */
  setInterest(interest) {
    const previous = this.interest;
    this.interest = { all: Boolean(interest.all), games: interest.games ?? [], leagues: interest.leagues ?? [] };
    this.sendInterest(previous);
  }

  sendInterest(previous) {
    const next = this.interest;
    if (next.all) {
      this.send({ type: 'subscribeAll' });
      return;
    }
    if (!previous || previous.all) {
      this.send({ type: 'subscribe', gameIDs: next.games, leagueIDs: next.leagues, sportIDs: [], replace: true });
      return;
    }
    this.send({ type: 'subscribe', gameIDs: next.games, leagueIDs: next.leagues, sportIDs: [], replace: false });
    const goneGames = previous.games.filter((g) => !next.games.includes(g));
    const goneLeagues = previous.leagues.filter((l) => !next.leagues.includes(l));
    if (goneGames.length || goneLeagues.length) {
      this.send({ type: 'unsubscribe', gameIDs: goneGames, leagueIDs: goneLeagues, sportIDs: [] });
    }
  }
}

export const priceFeed = new PriceFeed();
export const userFeed = new Feed('/v2/user');

/** Listens to a feed event until the returned function is called. */
export function listen(feed, type, handler) {
  const wrapped = (event) => handler(event.detail);
  feed.addEventListener(type, wrapped);
  return () => feed.removeEventListener(type, wrapped);
}
