// Leagues, then the games of one league (or every upcoming game): start time, a live badge with the
// league's bet delay, matched volume and the best moneyline prices, all kept current by the price feed.

import * as api from '../api.js';
import { session } from '../session.js';
import { priceFeed, listen } from '../feeds.js';
import { h, fill, debounce } from '../dom.js';
import { laddersFromFlat, keyOfUpdate, levels } from '../book.js';
import { money, moneyWhole, odds, when, fromNow, seconds, matchup } from '../format.js';

export function mount(root, { league }) {
  const title = league ? `${league} games` : 'Upcoming games';
  document.title = `${title} — OpenLine`;
  const leagueNav = h('nav', { class: 'leagues', 'aria-label': 'Leagues' }, h('p', { class: 'muted' }, 'Loading leagues…'));
  const status = h('p', { class: 'muted', role: 'status' }, 'Loading games…');
  const list = h('ul', { class: 'game-list', 'aria-label': title });
  root.append(h('div', { class: 'markets-page' },
    h('div', { class: 'page-head' }, h('h1', null, title), h('p', { class: 'subtitle' }, 'Choose a game to see every market and trade.')),
    leagueNav, status, list));

  /** gameID → { game, ladders: Map, card: Element } */
  const games = new Map();
  let disposed = false;
  const reload = debounce(() => load(), 300);

  async function loadLeagues() {
    try {
      const leagues = await api.getLeagues();
      const links = [{ name: null, label: 'All upcoming' }, ...leagues.filter((l) => l !== 'LIVE' && l !== 'all').map((l) => ({ name: l, label: l }))];
      if (league && !leagues.includes(league)) links.push({ name: league, label: league });
      fill(leagueNav, h('ul', null, links.map((l) => h('li', null,
        h('a', { href: l.name ? `#/league/${encodeURIComponent(l.name)}` : '#/', 'aria-current': (l.name ?? null) === (league ?? null) ? 'page' : null }, l.label)))));
    } catch (error) {
      fill(leagueNav, h('p', { class: 'error' }, error.message));
    }
  }

  // As on the game page: feed messages that arrive during a snapshot are applied again on top of it.
  let loadSeq = 0;
  let inFlight = null;

  async function load() {
    const seq = ++loadSeq;
    const buffered = [];
    inFlight = buffered;
    try {
      const books = await api.getBooks(league ?? 'upcoming');
      if (disposed || seq !== loadSeq) return;
      inFlight = null;
      games.clear();
      fill(list);
      for (const book of books) {
        const entry = { game: book, ladders: laddersFromFlat(book), card: null };
        entry.card = card(entry);
        games.set(book.id, entry);
        list.append(entry.card);
      }
      for (const message of buffered) apply(message);
      status.textContent = books.length === 0
        ? (league ? `No open games in ${league} right now.` : 'No upcoming games right now.')
        : `${books.length} ${books.length === 1 ? 'game' : 'games'}.`;
    } catch (error) {
      if (seq === loadSeq) inFlight = null;
      if (!disposed && seq === loadSeq) status.textContent = error.message;
    }
  }

  function card(entry) {
    const { game } = entry;
    const [away, home] = game.participants;
    const bestOf = (id) => levels(entry.ladders.get(`moneyline|${id}`) ?? [])[0];
    const best = [[away, bestOf(away.id)], [home, bestOf(home.id)]];
    const delay = session.delayFor(game.league);
    // Soccer: the best "yes" price of each 1X2 outcome (away, draw, home).
    const has1x2 = [...entry.ladders.keys()].some((k) => k.startsWith('moneyline1x2|'));
    const threeWay = game.sport === 'soccer' || has1x2
      ? [[away.shortName || away.longName, away.id], ['Draw', 'draw'], [home.shortName || home.longName, home.id]]
        .map(([name, market]) => [name, levels(entry.ladders.get(`moneyline1x2|${market}|yes`) ?? [])[0]])
      : null;
    return h('li', { class: 'game-card', dataset: { gameId: game.id } },
      h('h2', { class: 'game-title' },
        h('a', { href: `#/game/${game.id}`, class: 'stretched' }, h('span', null, away.longName), h('span', { class: 'at' }, ' @ '), h('span', null, home.longName))),
      h('p', { class: 'game-meta' },
        h('span', { class: 'tag' }, game.league),
        ' ',
        h('time', { datetime: game.start }, when(game.start)),
        h('span', { class: 'muted' }, ` (${fromNow(game.start)})`),
        game.live ? [' ', h('span', { class: 'badge live', dataset: { testid: 'live-badge' } }, `Live · ${seconds(delay)} bet delay`)] : null,
        game.ended ? [' ', h('span', { class: 'badge ended' }, 'Ended')] : null),
      h('p', { class: 'game-figures' },
        h('span', { class: 'volume', dataset: { testid: 'matched-volume' } }, `${moneyWhole(game.matchedVolume ?? 0)} matched`),
        h('span', { class: 'muted' }, ` · ${money(openInterest(entry.ladders))} offered`)),
      threeWay
        ? h('p', { class: 'best-prices', 'aria-label': '1X2 best prices' }, h('span', { class: 'muted' }, '1X2'), threeWay.map(([name, level]) => bestPrice(name, level)))
        : null,
      !threeWay || best.some(([, level]) => level)
        ? h('p', { class: 'best-prices', 'aria-label': 'Moneyline best prices' }, threeWay ? h('span', { class: 'muted' }, 'ML') : null, best.map(([p, level]) => bestPrice(p.shortName || p.longName, level)))
        : null);
  }

  function bestPrice(name, level) {
    return h('span', { class: 'best' },
      h('span', { class: 'best-name' }, name), ' ',
      level ? h('span', { class: 'odds' }, odds(level.odds)) : h('span', { class: 'muted' }, 'no offers'));
  }

  /** Σ bet of the resting orders (API §8.3), recomputed as ladders change. */
  function openInterest(ladders) {
    let sum = 0;
    for (const entries of ladders.values()) for (const e of entries) sum += Number(e.bet) || 0;
    return sum;
  }

  function rerender(entry) {
    const fresh = card(entry);
    entry.card.replaceWith(fresh);
    entry.card = fresh;
  }

  function apply(message) {
    const [type, payload] = message;
    const entry = games.get(payload?.gameID ?? payload?.id);
    if (type === 'gameUpdate') {
      if (!entry) {
        // A new game of this list: reload it (an ended game elsewhere is no news here).
        const ours = !league || payload.league?.toLowerCase() === league.toLowerCase();
        if (ours && !payload.ended) reload();
        return;
      }
      entry.game = { ...entry.game, live: payload.live, ended: payload.ended, start: payload.start };
      rerender(entry);
    } else if (type === 'orderUpdate' && entry) {
      entry.ladders.set(keyOfUpdate(payload), payload.sideOrders ?? []);
      rerender(entry);
    } else if (type === 'matchedVolumeUpdate' && entry) {
      entry.game = { ...entry.game, matchedVolume: payload.matchedVolume };
      rerender(entry);
    }
  }

  const stops = [
    listen(priceFeed, 'message', (message) => {
      if (!Array.isArray(message)) return;
      inFlight?.push(message);
      apply(message);
    }),
    listen(priceFeed, 'open', () => load()),
    session.on('delays', () => { for (const entry of games.values()) rerender(entry); }),
  ];
  priceFeed.setInterest(league ? { leagues: [league] } : { all: true });
  loadLeagues();
  load();
  return () => {
    disposed = true;
    reload.cancel();
    for (const stop of stops) stop();
  };
}
