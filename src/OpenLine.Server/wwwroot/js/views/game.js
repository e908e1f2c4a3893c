// One game: every market as ladders of taker-facing prices with the size available at each, best
// first, kept current by the price feed; a ticket to take or post; the caller's orders and bets on
// the game, kept current by the user feed.

import * as api from '../api.js';
import { session } from '../session.js';
import { priceFeed, listen } from '../feeds.js';
import { h, fill, announce, debounce } from '../dom.js';
import { laddersFromFlat, keyOfUpdate, levels, marketsOf } from '../book.js';
import * as fmt from '../format.js';
import { Ticket } from './ticket.js';
import { sidesFromBook, openOrdersList, matchedBetsList, cancelOrder } from './bets.js';

export function mount(root, { gameID }) {
  document.title = 'Game — OpenLine';
  let game = null;
  let ladders = new Map();
  let mine = { unmatched: [], matched: [] };
  let myOrderIds = new Set();
  let marketKeys = '';
  let disposed = false;
  /** ladder key → the element that shows it */
  const sideEls = new Map();

  const crumbs = h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' });
  const head = h('div', { class: 'game-head' }, h('h1', null, 'Loading game…'));
  const status = h('p', { class: 'muted', role: 'status' });
  const marketsEl = h('div', { class: 'markets' });
  const activity = h('ol', { class: 'activity', 'aria-live': 'polite', 'aria-label': 'Your results on this game' });
  const myOrdersEl = h('div', { class: 'my-orders' });
  const myBetsEl = h('div', { class: 'my-bets' });
  const aside = h('aside', { class: 'my-game', 'aria-labelledby': 'my-game-title' },
    h('h2', { id: 'my-game-title' }, 'My bets on this game'),
    activity,
    h('h3', null, 'Open orders'), myOrdersEl,
    h('h3', null, 'Matched bets'), myBetsEl,
    h('p', null, h('a', { href: '#/account' }, 'All my orders, bets and history')));
  root.append(h('div', { class: 'game-page' }, crumbs, head, status, h('div', { class: 'game-layout' },
    h('section', { class: 'markets-column', 'aria-label': 'Markets' }, marketsEl), aside)));

  const ticket = new Ticket({
    game: () => game,
    ladders: () => ladders,
    myOrderIds: () => myOrderIds,
    onResult: (result) => log(result.text, result.ok),
  });
  root.append(ticket.element);

  function log(text, ok) {
    const item = h('li', { class: ok ? 'ok' : 'bad' }, h('time', { datetime: new Date().toISOString() }, new Date().toLocaleTimeString()), ' ', text);
    activity.prepend(item);
    while (activity.children.length > 6) activity.lastElementChild.remove();
  }

  // Feed messages that arrive while a snapshot is being fetched are kept and applied again on top
  // of it: the snapshot may have been read before them, and each orderUpdate replaces a ladder whole.
  let bookSeq = 0;
  let inFlight = null;

  async function loadBook() {
    const seq = ++bookSeq;
    const buffered = [];
    inFlight = buffered;
    try {
      const book = await api.getBook(gameID);
      if (disposed || seq !== bookSeq) return;
      inFlight = null;
      game = book;
      ladders = laddersFromFlat(book);
      for (const message of buffered) apply(message, false);
      renderHead();
      renderMarkets(true);
      status.textContent = '';
    } catch (error) {
      if (seq === bookSeq) inFlight = null;
      if (disposed || seq !== bookSeq) return;
      status.textContent = error.status === 404 ? 'This game does not exist.' : error.message;
      fill(head, h('h1', null, 'Game not available'));
    }
  }

  let mineSeq = 0;
  const loadMine = debounce(async () => {
    const seq = ++mineSeq;
    try {
      const data = await api.getOrdersForGame(gameID);
      if (disposed || seq !== mineSeq) return; // a newer answer is on its way
      mine = data;
      myOrderIds = new Set(data.unmatched.map((o) => o.id));
      renderMine();
      renderMarkets(false);
    } catch (error) {
      if (!disposed && error.status !== 401) fill(myOrdersEl, h('p', { class: 'error' }, error.message));
    }
  }, 120);

  function renderHead() {
    document.title = `${fmt.matchup(game)} — OpenLine`;
    fill(crumbs, h('ol', null,
      h('li', null, h('a', { href: '#/' }, 'Markets')),
      h('li', null, h('a', { href: `#/league/${encodeURIComponent(game.league)}` }, game.league)),
      h('li', { 'aria-current': 'page' }, fmt.matchup(game))));
    const [away, home] = game.participants;
    const scored = game.ended && away.score !== undefined && home.score !== undefined;
    fill(head,
      h('h1', null, h('span', null, away.longName), h('span', { class: 'at' }, ' @ '), h('span', null, home.longName)),
      h('p', { class: 'game-meta' },
        h('span', { class: 'tag' }, game.league), ' ',
        h('time', { datetime: game.start }, fmt.whenFull(game.start)),
        h('span', { class: 'muted' }, ` (${fmt.fromNow(game.start)})`),
        game.live ? [' ', h('span', { class: 'badge live', dataset: { testid: 'live-badge' } }, `Live · ${fmt.seconds(session.delayFor(game.league))} bet delay`)] : null,
        game.ended ? [' ', h('span', { class: 'badge ended' }, scored ? `Final: ${away.shortName} ${away.score} – ${home.shortName} ${home.score}` : 'Ended')] : null),
      h('p', { class: 'game-figures' },
        h('span', { dataset: { testid: 'matched-volume' } }, `${fmt.moneyWhole(game.matchedVolume ?? 0)} matched`)));
  }

  /** Builds every market; with `force` false only when the set of ladders changed (a new line). */
  function renderMarkets(force) {
    if (!game) return;
    const markets = marketsOf(game, ladders);
    const keys = markets.map((m) => m.sides.map((s) => s.key).join(',')).join(';');
    if (!force && keys === marketKeys) {
      for (const key of sideEls.keys()) renderLadder(key);
      return;
    }
    marketKeys = keys;
    const focused = focusState();
    sideEls.clear();
    const open = !game.ended && (game.live || new Date(game.start).getTime() > Date.now());
    fill(marketsEl,
      !open ? h('p', { class: 'notice' }, game.ended ? 'This game has ended: no more orders.' : 'This game has started and is not live: no more orders.') : null,
      markets.map((m) => marketCard(m)),
      open ? h('section', { class: 'market card other-lines', 'aria-labelledby': 'other-lines-title' },
        h('h2', { id: 'other-lines-title' }, 'Other lines'),
        h('p', { class: 'muted' }, 'Post an offer on a spread or total line nobody offers yet.'),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'secondary', onclick: (e) => ticket.open({ key: `spread|${game.participants[0].id}|-1.5`, mode: 'post', returnFocus: e.currentTarget }) }, 'Post a spread offer'),
          h('button', { type: 'button', class: 'secondary', onclick: (e) => ticket.open({ key: `total|over|${defaultTotal()}`, mode: 'post', returnFocus: e.currentTarget }) }, 'Post a total offer'))) : null);
    for (const key of sideEls.keys()) renderLadder(key);
    restoreFocus(focused);
  }

  function defaultTotal() {
    const lines = [...ladders.keys()].filter((k) => k.startsWith('total|')).map((k) => Number(k.split('|')[2]));
    return lines[0] ?? 2.5;
  }

  function marketCard(m) {
    const id = `m-${m.sides[0].key.replace(/[^a-zA-Z0-9]/g, '-')}`;
    let title;
    if (m.type === 'moneyline') title = 'Moneyline';
    else if (m.type === 'spread') title = `Spread ${fmt.line(m.line)} / ${fmt.line(-m.line)}`;
    else if (m.type === 'total') title = `Total ${m.line}`;
    else title = `1X2: ${m.outcome}`;
    return h('section', { class: `market card ${m.type}`, 'aria-labelledby': id, dataset: { market: m.type } },
      h('h2', { id }, title),
      h('div', { class: 'sides' }, m.sides.map((side) => {
        const el = h('div', { class: 'side', dataset: { ladder: side.key } });
        sideEls.set(side.key, { el, side, market: m });
        return el;
      })));
  }

  /** The selection a taker of this ladder backs, in full (for labels). */
  function sideTitle(side, market) {
    if (market.type === 'spread') return `${side.label} ${fmt.line(side.number)}`;
    if (market.type === 'total') return `${side.label} ${side.number}`;
    if (market.type === 'moneyline1x2') return `${market.outcome}: ${side.label.toLowerCase()}`;
    return side.label;
  }

  function renderLadder(key) {
    const slot = sideEls.get(key);
    if (!slot) return;
    const { el, side, market } = slot;
    const focused = focusState();
    const entries = ladders.get(key) ?? [];
    const lv = levels(entries);
    const name = sideTitle(side, market);
    const open = !game.ended && (game.live || new Date(game.start).getTime() > Date.now());
    const headingId = `h-${key.replace(/[^a-zA-Z0-9]/g, '-')}`;
    const list = h('ol', { class: 'ladder', 'aria-labelledby': headingId },
      lv.length === 0 ? h('li', { class: 'empty' }, 'No offers') : lv.map((level, i) => {
        const yours = level.ids.filter((id) => myOrderIds.has(id));
        const label = `Take ${name} at ${fmt.odds(level.odds)}: ${fmt.money(level.size)} available${yours.length ? ', including your own offer' : ''}`;
        return h('li', { class: `level${i === 0 ? ' best' : ''}${yours.length ? ' yours' : ''}`, dataset: { odds: level.odds, size: level.size.toFixed(2) } },
          h('button', {
            type: 'button', class: 'price', 'aria-label': label, disabled: !open,
            dataset: { odds: level.odds },
            onclick: (e) => ticket.open({ key, mode: 'take', odds: level.odds, returnFocus: e.currentTarget }),
          }, fmt.odds(level.odds)),
          h('span', { class: 'size' }, fmt.money(level.size)),
          yours.length ? h('span', { class: 'yours-tag', title: 'Includes your own offer', 'aria-hidden': 'true' }, 'you') : null);
      }));
    fill(el,
      h('h3', { id: headingId, class: 'side-title' }, market.type === 'moneyline1x2'
        ? [h('span', { class: 'visually-hidden' }, `${market.outcome}: `), side.label] : name),
      h('p', { class: 'visually-hidden' }, 'Prices a taker gets, best first, with the stake you can put up at each.'),
      list,
      open ? h('button', {
        type: 'button', class: 'post-button', 'aria-label': `Post an offer on ${name}`,
        onclick: (e) => ticket.open({ key, mode: 'post', returnFocus: e.currentTarget }),
      }, 'Post an offer') : null);
    restoreFocus(focused);
  }

  /** Keeps keyboard focus on the same price when a ladder is redrawn under it. */
  function focusState() {
    const active = document.activeElement;
    const back = ticket.lastReturn;
    if ((!active || active === document.body) && !ticket.isOpen && back && Date.now() < back.until) {
      // Focus fell to the page while the ticket closed over a redraw: it belongs on the price that opened it.
      return { ladder: back.ladder, odds: back.odds, post: false, fallback: null };
    }
    if (!active || !marketsEl.contains(active)) return null;
    const side = active.closest('[data-ladder]');
    return { ladder: side?.dataset.ladder, odds: active.dataset.odds, post: active.classList.contains('post-button'), fallback: side };
  }

  function restoreFocus(state) {
    if (!state || marketsEl.contains(document.activeElement)) return;
    const side = [...marketsEl.querySelectorAll('[data-ladder]')].find((el) => el.dataset.ladder === state.ladder);
    if (!side) return;
    const target = state.post ? side.querySelector('.post-button')
      : [...side.querySelectorAll('button.price')].find((b) => b.dataset.odds === state.odds) ?? side.querySelector('button.price, .post-button');
    target?.focus({ preventScroll: true });
  }

  function renderMine() {
    const sides = sidesFromBook(ladders);
    fill(myOrdersEl, openOrdersList(mine.unmatched, {
      sides,
      onCancel: async (order, button, what) => {
        button.disabled = true;
        const result = await cancelOrder(order, what);
        log(result.text, result.ok);
        announce(result.text);
        if (!result.ok) button.disabled = false;
        loadMine();
      },
    }));
    fill(myBetsEl, matchedBetsList(mine.matched));
  }

  /** One price-feed message about this game; `render` false while replaying onto a fresh snapshot. */
  function apply(message, render) {
    const [type, payload] = message;
    if (type === 'orderUpdate') {
      const key = keyOfUpdate(payload);
      ladders.set(key, payload.sideOrders ?? []);
      if (!render) return;
      renderMarkets(false);
      sideEls.get(key)?.el.classList.add('changed');
      setTimeout(() => sideEls.get(key)?.el.classList.remove('changed'), 700);
      ticket.bookChanged();
    } else if (type === 'gameUpdate') {
      game = { ...game, live: payload.live, ended: payload.ended, start: payload.start, participants: payload.participants ?? game.participants };
      if (!render) return;
      renderHead();
      renderMarkets(true);
    } else if (type === 'matchedVolumeUpdate') {
      game = { ...game, matchedVolume: payload.matchedVolume };
      if (render) renderHead();
    }
  }

  const stops = [
    listen(priceFeed, 'message', (message) => {
      if (!Array.isArray(message)) return;
      const [, payload] = message;
      if ((payload?.gameID ?? payload?.id) !== gameID) return;
      inFlight?.push(message);
      if (game) apply(message, true);
    }),
    // A reconnect may have missed updates: start again from a snapshot.
    listen(priceFeed, 'open', () => { loadBook(); }),
    session.on('user-message', (message) => {
      if (message?.gameID === gameID) loadMine();
    }),
    session.on('feed-open', () => loadMine()),
    session.on('delays', () => { if (game) renderHead(); }),
    session.on('me', () => ticket.bookChanged()),
  ];
  priceFeed.setInterest({ games: [gameID] });
  loadBook().then(() => loadMine());

  return () => {
    disposed = true;
    loadMine.cancel();
    ticket.close();
    for (const stop of stops) stop();
  };
}
