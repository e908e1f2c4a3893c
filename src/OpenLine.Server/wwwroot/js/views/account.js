// My account: balance, available and liability; open orders with cancel and cancel-all; matched
// bets; graded history with P&L. Every user-feed message (a placement, a fill, a cancel, a grading)
// reloads what it can have changed.

import * as api from '../api.js';
import { session } from '../session.js';
import { h, fill, announce, debounce } from '../dom.js';
import { laddersFromFlat } from '../book.js';
import * as fmt from '../format.js';
import { sidesFromBook, openOrdersTable, matchedBetsTable, gradedTable, cancelOrder } from './bets.js';

export function mount(root) {
  document.title = 'My account — OpenLine';
  let disposed = false;
  let unmatched = [];
  const sides = new Map(); // order id → side facts for totals and 1x2 (from the books)

  const figures = h('dl', { class: 'account-figures' });
  const message = h('p', { class: 'form-message', role: 'status', 'aria-live': 'polite' });
  const cancelAllButton = h('button', { type: 'button', class: 'danger-outline' }, 'Cancel all open orders');
  const confirmRow = h('div', { class: 'confirm-row', hidden: true });
  const ordersEl = h('div', { class: 'orders' }, h('p', { class: 'muted' }, 'Loading…'));
  const betsEl = h('div', { class: 'bets' }, h('p', { class: 'muted' }, 'Loading…'));
  const gradedSummary = h('p', { class: 'graded-summary' });
  const gradedEl = h('div', { class: 'graded' }, h('p', { class: 'muted' }, 'Loading…'));

  root.append(h('div', { class: 'account-page' },
    h('div', { class: 'page-head' }, h('h1', null, 'My account'), h('p', { class: 'subtitle' }, 'Updates live as your orders are placed, matched, cancelled and graded.')),
    h('section', { class: 'card', 'aria-labelledby': 'figures-title' }, h('h2', { id: 'figures-title' }, 'Balance'), figures),
    message,
    h('section', { class: 'card', 'aria-labelledby': 'orders-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'orders-title' }, 'Open orders'), cancelAllButton),
      confirmRow, ordersEl),
    h('section', { class: 'card', 'aria-labelledby': 'bets-title' }, h('h2', { id: 'bets-title' }, 'Matched bets'), betsEl),
    h('section', { class: 'card', 'aria-labelledby': 'graded-title' }, h('h2', { id: 'graded-title' }, 'Graded history'), gradedSummary, gradedEl)));

  function renderFigures(me) {
    if (!me) return;
    const items = [
      ['Balance', fmt.money(me.displayBalance), 'settled cash', 'balance'],
      ['Available', fmt.money(me.available), 'what you can bet now', 'available'],
      ['Liability', fmt.money(me.liability), 'held for open orders and the worst case of your bets', 'liability'],
    ];
    if (Number(me.creditLimit) !== 0) items.push(['Credit limit', fmt.money(me.creditLimit), 'you may bet this much beyond your cash', 'credit']);
    items.push(['Commission', `${Number((Number(me.commissionCharged) * 100).toFixed(2))}%`, 'charged when you take an offer', 'commission']);
    fill(figures, items.map(([term, value, hint, id]) => h('div', { dataset: { figure: id } },
      h('dt', null, term), h('dd', null, h('span', { class: 'value' }, value), h('small', null, hint)))));
  }

  function say(text) {
    message.textContent = text;
    announce(text);
  }

  // Each list drops an answer when a newer request for it has been sent since (answers can cross).
  const latest = { orders: 0, bets: 0, graded: 0 };

  async function loadOrders() {
    const seq = ++latest.orders;
    const orders = await api.getUnmatched();
    // Totals and 1x2 orders: their side is read off their game's book, once per order.
    const unknown = [...new Set(orders.filter((o) => (o.type === 'total' || o.type === 'moneyline1x2') && !sides.has(o.id)).map((o) => o.game.id))];
    await Promise.all(unknown.map((id) => api.getBook(id).then((book) => sidesFromBook(laddersFromFlat(book), sides)).catch(() => {})));
    if (disposed || seq !== latest.orders) return;
    unmatched = orders;
    cancelAllButton.disabled = orders.length === 0;
    fill(ordersEl, openOrdersTable(orders, {
      sides,
      onCancel: async (order, button, what) => {
        button.disabled = true;
        const result = await cancelOrder(order, what);
        say(result.text);
        if (!result.ok) button.disabled = false;
        reloadOrders();
      },
    }));
  }

  async function loadBets() {
    const seq = ++latest.bets;
    const bets = await api.getMatchedBets();
    if (!disposed && seq === latest.bets) fill(betsEl, matchedBetsTable(bets));
  }

  async function loadGraded() {
    const seq = ++latest.graded;
    const data = await api.getGraded();
    if (disposed || seq !== latest.graded) return;
    const rows = [...data.graded].sort((a, b) => String(b.settledAt).localeCompare(String(a.settledAt)));
    const pnl = Number(data.summary?.pnl ?? 0);
    fill(gradedSummary,
      'Profit and loss: ', h('strong', { class: pnl > 0 ? 'pnl up' : pnl < 0 ? 'pnl down' : 'pnl', dataset: { testid: 'pnl' } }, fmt.signedMoney(pnl)),
      ` on ${fmt.moneyWhole(data.summary?.volume ?? 0)} volume, ${rows.length} graded ${rows.length === 1 ? 'bet' : 'bets'}.`);
    fill(gradedEl, gradedTable(rows));
  }

  const guard = (load, el) => () => load().catch((error) => {
    if (!disposed && error.status !== 401) fill(el, h('p', { class: 'error' }, error.message));
  });
  const reloadOrders = debounce(guard(loadOrders, ordersEl), 120);
  const reloadBets = debounce(guard(loadBets, betsEl), 120);
  const reloadGraded = debounce(guard(loadGraded, gradedEl), 400);

  cancelAllButton.addEventListener('click', () => {
    const count = unmatched.length;
    const yes = h('button', { type: 'button', class: 'danger' }, `Yes, cancel ${count} ${count === 1 ? 'order' : 'orders'}`);
    const no = h('button', { type: 'button', class: 'secondary' }, 'Keep them');
    fill(confirmRow, h('p', null, `Cancel all ${count} open ${count === 1 ? 'order' : 'orders'}?`), yes, no);
    confirmRow.hidden = false;
    yes.focus();
    no.addEventListener('click', () => { confirmRow.hidden = true; cancelAllButton.focus(); });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        const results = await api.cancelAll();
        const done = (results ?? []).filter((r) => r.success !== false);
        const freed = done.reduce((s, r) => s + Number(r.remaining ?? 0), 0);
        say(done.length === 0 ? 'There were no open orders to cancel.' : `Cancelled ${done.length} ${done.length === 1 ? 'order' : 'orders'}: ${fmt.money(freed)} is free again.`);
      } catch (error) {
        say(`Could not cancel your orders: ${error.message}`);
      }
      confirmRow.hidden = true;
      cancelAllButton.focus();
      reloadOrders();
    });
  });

  const stops = [
    session.on('me', renderFigures),
    session.on('user-message', (m) => {
      reloadOrders();
      if (m?.matched || m?.graded) reloadBets();
      if (m?.graded) reloadGraded();
    }),
    session.on('feed-open', () => { reloadOrders(); reloadBets(); reloadGraded(); }),
  ];
  renderFigures(session.me);
  session.refreshMe();
  reloadOrders();
  reloadBets();
  reloadGraded();
  return () => {
    disposed = true;
    for (const r of [reloadOrders, reloadBets, reloadGraded]) r.cancel();
    for (const stop of stops) stop();
  };
}
