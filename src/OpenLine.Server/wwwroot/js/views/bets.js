// The caller's orders and bets as tables: open orders (with cancel), matched bets and graded history.
// Shared by the game page (one game) and the account page (everything).

import * as api from '../api.js';
import { h, table } from '../dom.js';
import { parseKey } from '../book.js';
import * as fmt from '../format.js';

/**
 * What an open order is on. getUnmatched names the backed participant for moneylines and spreads;
 * for totals and 1x2 it gives no side, but the order rests in the book under its own id on the
 * opposite, taker-facing ladder, so the book tells it: `sides` maps order id → { OU } or { market, side }.
 */
export function sidesFromBook(ladders, sides = new Map()) {
  for (const [key, entries] of ladders) {
    const k = parseKey(key);
    for (const e of entries) {
      if (k.type === 'total') sides.set(e.id, { OU: k.side === 'over' ? 'under' : 'over' });
      else if (k.type === 'moneyline1x2') sides.set(e.id, { market: k.market, side: k.side === 'yes' ? 'no' : 'yes' });
    }
  }
  return sides;
}

export function describeOrder(order, sides) {
  const extra = sides?.get(order.id) ?? {};
  if ((order.type === 'total' && !extra.OU) || (order.type === 'moneyline1x2' && !extra.market)) {
    return order.type === 'total' ? `Total ${order.total}` : '1X2';
  }
  return fmt.describeSelection(order.game, { ...order, ...extra });
}

export function gameLink(game) {
  return h('a', { href: `#/game/${game.id}`, class: 'wrap' }, fmt.matchup(game));
}

function cancelButton(o, what, onCancel) {
  const button = h('button', {
    type: 'button',
    class: 'small danger-outline',
    'aria-label': `Cancel ${what} at ${fmt.odds(o.odds)}, ${fmt.money(o.remaining)} open`,
    dataset: { cancelOrder: o.id },
  }, 'Cancel');
  button.addEventListener('click', () => onCancel(o, button, what));
  return button;
}

/** Open orders of one game as a compact list (the game page's side column). */
export function openOrdersList(orders, { sides, onCancel }) {
  if (orders.length === 0) return h('p', { class: 'empty' }, 'No open orders.');
  return h('ul', { class: 'compact-list', 'aria-label': 'Open orders on this game' }, orders.map((o) => {
    const what = describeOrder(o, sides);
    return h('li', { dataset: { orderId: o.id } },
      h('span', null,
        h('span', { class: 'what' }, `${what} ${fmt.odds(o.odds)}`),
        h('span', { class: 'detail' }, `${fmt.money(o.remaining)} open · ${fmt.money(o.filled)} matched`)),
      cancelButton(o, what, onCancel));
  }));
}

/** Matched bets of one game as a compact list. */
export function matchedBetsList(bets) {
  if (bets.length === 0) return h('p', { class: 'empty' }, 'No matched bets.');
  return h('ul', { class: 'compact-list', 'aria-label': 'Matched bets on this game' }, bets.map((b) => h('li', { dataset: { txId: b.txID } },
    h('span', null,
      h('span', { class: 'what' }, `${fmt.describeSelection(b.game, b)} ${fmt.odds(b.odds)}`),
      h('span', { class: 'detail' }, `Stake ${fmt.money(b.bet)} · risk ${fmt.money(b.risk)} · to win ${fmt.money(b.win)} · ${b.origin === 'wager' ? 'you took it' : 'your offer was taken'}`)))));
}

/** Open orders with a Cancel button each. `onCancel(order, button)` does the cancel. */
export function openOrdersTable(orders, { sides, onCancel, withGame = true, caption = 'Open orders' }) {
  const headers = [...(withGame ? ['Game'] : []), 'Bet', 'Odds', 'Open', 'Matched', 'Placed', h('span', { class: 'visually-hidden' }, 'Actions')];
  const rows = orders.map((o) => {
    const what = describeOrder(o, sides);
    const button = cancelButton(o, what, onCancel);
    const cells = [
      h('span', { class: 'wrap' }, what),
      fmt.odds(o.odds),
      fmt.money(o.remaining),
      fmt.money(o.filled),
      h('time', { datetime: o.createdAt }, fmt.when(o.createdAt)),
      button,
    ];
    return withGame ? [gameLink(o.game), ...cells] : cells;
  });
  return table(caption, headers, rows, {
    empty: 'No open orders.',
    rowAttrs: (i) => ({ dataset: { orderId: orders[i].id } }),
  });
}

export function matchedBetsTable(bets, { withGame = true, caption = 'Matched bets' } = {}) {
  const headers = [...(withGame ? ['Game'] : []), 'Bet', 'Odds', 'Stake', 'Risk', 'To win', 'How', 'Matched'];
  const rows = bets.map((b) => {
    const cells = [
      h('span', { class: 'wrap' }, fmt.describeSelection(b.game, b)),
      fmt.odds(b.odds),
      fmt.money(b.bet),
      fmt.money(b.risk),
      fmt.money(b.win),
      b.origin === 'wager' ? 'You took it' : 'Your offer was taken',
      h('time', { datetime: b.matchedTime }, fmt.when(b.matchedTime)),
    ];
    return withGame ? [gameLink(b.game), ...cells] : cells;
  });
  return table(caption, headers, rows, {
    empty: 'No matched bets.',
    rowAttrs: (i) => ({ dataset: { txId: bets[i].txID } }),
  });
}

const OUTCOMES = { winner: 'Won', loser: 'Lost', refunded: 'Refunded', 'half-win': 'Half won', 'half-loss': 'Half lost' };

export function gradedTable(rows) {
  const headers = ['Game', 'Bet', 'Odds', 'Stake', 'Outcome', 'Risk', 'To win', 'Commission', 'Result', 'Settled'];
  const body = rows.map((r) => {
    const result = Number(r.result);
    const score = (r.game?.participants ?? []).every((p) => p.score !== undefined)
      ? ` (${r.game.participants.map((p) => p.score).join('–')})` : '';
    return [
      h('span', { class: 'wrap' }, fmt.matchup(r.game), h('small', { class: 'muted' }, score)),
      h('span', { class: 'wrap' }, fmt.describeSelection(r.game, r)),
      fmt.odds(r.odds),
      fmt.money(r.bet),
      h('span', { class: `outcome ${r.outcome}` }, `${OUTCOMES[r.outcome] ?? r.outcome}${r.adminRefund ? ' (game voided)' : ''}`),
      fmt.money(r.risk),
      fmt.money(r.win),
      fmt.money(r.fee),
      h('strong', { class: result > 0.004 ? 'pnl up' : result < -0.004 ? 'pnl down' : 'pnl' }, fmt.signedMoney(result)),
      h('time', { datetime: r.settledAt }, fmt.when(r.settledAt)),
    ];
  });
  return table('Graded bets', headers, body, { empty: 'No graded bets yet.', rowAttrs: (i) => ({ dataset: { txId: rows[i].txID } }) });
}

/** Cancels one order and says what happened in plain words. */
export async function cancelOrder(order, what) {
  try {
    const result = await api.cancel(order.id);
    const back = Number(result?.remaining ?? order.remaining);
    return { ok: true, text: `Cancelled ${what} at ${fmt.odds(order.odds)}: ${fmt.money(back)} is free again.` };
  } catch (error) {
    const text = error.status === 409
      ? `Could not cancel ${what}: it is no longer open (already matched or cancelled).`
      : `Could not cancel ${what}: ${error.message}`;
    return { ok: false, text };
  }
}
