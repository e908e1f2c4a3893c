// A game's order book as the page shows it: one ladder per (market, taker side, line), each a list
// of price levels, best for the taker first. Built from v2/getOrderbook's flat arrays and kept
// current by the price feed's orderUpdate messages, each of which replaces one ladder whole.

import { multiplier } from './format.js';

/** The ladder key of a book entry or of an orderUpdate payload. */
export function ladderKey(type, x) {
  switch (type) {
    case 'moneyline': return `moneyline|${x.participantID}`;
    case 'spread': return `spread|${x.participantID}|${Number(x.spread)}`;
    case 'total': return `total|${x.OU ?? x.side}|${Number(x.total)}`;
    case 'moneyline1x2': return `moneyline1x2|${x.market}|${x.side}`;
    default: return null;
  }
}

/** Splits a key back into its parts. */
export function parseKey(key) {
  const [type, a, b] = key.split('|');
  switch (type) {
    case 'moneyline': return { type, participantID: a };
    case 'spread': return { type, participantID: a, number: Number(b) };
    case 'total': return { type, side: a, number: Number(b) };
    case 'moneyline1x2': return { type, market: a, side: b };
    default: return { type };
  }
}

/** Price levels of one ladder: [{ odds, size, orders, ids }], best price for a taker first. */
export function levels(entries) {
  const byOdds = new Map();
  for (const e of entries) {
    const size = Number(e.sumUntaken) || 0;
    if (size <= 0) continue;
    const level = byOdds.get(e.odds) ?? { odds: e.odds, size: 0, orders: 0, ids: [] };
    level.size += size;
    level.orders += 1;
    level.ids.push(e.id);
    byOdds.set(e.odds, level);
  }
  return [...byOdds.values()].sort((x, y) => multiplier(y.odds) - multiplier(x.odds));
}

const FLAT_ARRAYS = ['awayMoneylines', 'homeMoneylines', 'awaySpreads', 'homeSpreads', 'over', 'under',
  'awayMoneylines1x2', 'homeMoneylines1x2', 'draw1x2'];

/** Map of ladder key → book entries, from a v2/getOrderbook game. */
export function laddersFromFlat(game) {
  const ladders = new Map();
  for (const name of FLAT_ARRAYS) {
    for (const entry of game[name] ?? []) {
      const key = ladderKey(entry.type, entry);
      if (!key) continue;
      if (!ladders.has(key)) ladders.set(key, []);
      ladders.get(key).push(entry);
    }
  }
  return ladders;
}

/** The key of an orderUpdate payload (API §6.4); its sideOrders replace that ladder. */
export function keyOfUpdate(update) {
  return ladderKey(update.type, update);
}

/** Stake a taker can put up at `odds` or better on a ladder. */
export function sizeAtOrBetter(ladderLevels, odds) {
  const m = multiplier(odds);
  return ladderLevels.filter((l) => multiplier(l.odds) >= m - 1e-12).reduce((sum, l) => sum + l.size, 0);
}

/**
 * The markets of a game, in the order the page shows them, with the ladder keys of each side.
 * Moneyline always; each spread line (paired away s / home −s) and each total line that has
 * offers; the three 1x2 markets for soccer (or whenever the book has any).
 */
export function marketsOf(game, ladders) {
  const [away, home] = game.participants;
  const markets = [];
  markets.push({ type: 'moneyline', title: 'Moneyline', sides: [
    { key: `moneyline|${away.id}`, label: away.longName, role: 'away' },
    { key: `moneyline|${home.id}`, label: home.longName, role: 'home' },
  ] });

  const spreadLines = new Set();
  const totalLines = new Set();
  let has1x2 = false;
  for (const key of ladders.keys()) {
    const k = parseKey(key);
    if (k.type === 'spread') spreadLines.add(k.participantID === away.id ? k.number : -k.number);
    else if (k.type === 'total') totalLines.add(k.number);
    else if (k.type === 'moneyline1x2') has1x2 = true;
  }
  for (const s of [...spreadLines].sort((a, b) => a - b)) {
    markets.push({ type: 'spread', title: 'Spread', line: s, sides: [
      { key: `spread|${away.id}|${s}`, label: away.longName, number: s, role: 'away' },
      { key: `spread|${home.id}|${-s === 0 ? 0 : -s}`, label: home.longName, number: -s === 0 ? 0 : -s, role: 'home' },
    ] });
  }
  for (const t of [...totalLines].sort((a, b) => a - b)) {
    markets.push({ type: 'total', title: 'Total', line: t, sides: [
      { key: `total|over|${t}`, label: 'Over', number: t, role: 'over' },
      { key: `total|under|${t}`, label: 'Under', number: t, role: 'under' },
    ] });
  }
  if (has1x2 || game.sport === 'soccer') {
    for (const [market, title] of [[away.id, `${away.longName} to win`], ['draw', 'Draw'], [home.id, `${home.longName} to win`]]) {
      markets.push({ type: 'moneyline1x2', title: '1X2', outcome: title, market, sides: [
        { key: `moneyline1x2|${market}|yes`, label: 'Yes', role: 'yes' },
        { key: `moneyline1x2|${market}|no`, label: 'No', role: 'no' },
      ] });
    }
  }
  return markets;
}

/**
 * The order a taker sends to back one side of a ladder (API §3.2): moneyline/spread back the
 * participant, totals over/under, 1x2 yes/no on the market.
 */
export function orderFor(gameID, key, number) {
  const k = parseKey(key);
  switch (k.type) {
    case 'moneyline': return { gameID, type: 'moneyline', side: k.participantID };
    case 'spread': return { gameID, type: 'spread', side: k.participantID, number: number ?? k.number };
    case 'total': return { gameID, type: 'total', side: k.side, number: number ?? k.number };
    case 'moneyline1x2': return { gameID, type: 'moneyline1x2', side: k.side, market: k.market };
    default: throw new Error(`unknown ladder ${key}`);
  }
}
