// Numbers as a trader reads them, and the bet arithmetic of API §8.2 and §8.9.

const MINUS = '\u2212';
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** $1,234.56; negative amounts with a real minus sign. */
export function money(value) {
  const n = Number(value);
  if (value === null || value === undefined || value === '' || Number.isNaN(n)) return '—';
  const text = usd.format(Math.abs(n));
  return n < 0 && Math.abs(n) >= 0.005 ? MINUS + text : text;
}

/** $1,235 for volumes. */
export function moneyWhole(value) {
  const n = Number(value);
  if (value === null || value === undefined || Number.isNaN(n)) return '—';
  return (n < 0 ? MINUS : '') + usdWhole.format(Math.abs(n));
}

/** A signed amount for P&L: +$12.00 / −$3.50 / $0.00. */
export function signedMoney(value) {
  const n = Number(value);
  if (Number.isNaN(n)) return '—';
  return (n >= 0.005 ? '+' : '') + money(n);
}

/** American odds: +115, −136. */
export function odds(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  return n > 0 ? `+${n}` : `${MINUS}${Math.abs(n)}`;
}

/** A spread number from its side's view: +3.5, −3.5, 0 (pick). */
export function line(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  if (n === 0) return 'pick';
  return n > 0 ? `+${n}` : `${MINUS}${Math.abs(n)}`;
}

/** Reads what a person typed as odds or money: accepts the real minus sign, '+', '$' and thousands commas. */
export function parseNumber(text) {
  const cleaned = String(text ?? '').trim().replace(/[\u2212\u2013]/g, '-').replace(/[$,\s]/g, '').replace(/^\+/, '');
  if (cleaned === '' || !/^-?\d*\.?\d+$/.test(cleaned)) return NaN;
  return Number(cleaned);
}

/** Profit per dollar staked at American odds (API §8.2): o/100 for o > 0, 100/|o| for o < 0. */
export function multiplier(americanOdds) {
  return americanOdds > 0 ? americanOdds / 100 : 100 / -americanOdds;
}

/** True for odds the exchange takes: whole numbers from 100 to 100000 in magnitude. */
export function validOdds(o) {
  return Number.isInteger(o) && Math.abs(o) >= 100 && Math.abs(o) <= 100000;
}

/** The price on the other side of the same bet: a maker posting o is taken at −o. */
export function counterOdds(o) {
  return o === 100 || o === -100 ? 100 : -o;
}

/**
 * A taker's figures for stake A at odds o with commission rate c (API §8.9):
 * win G = A·m(o); commission c·min(A, G) if the bet loses, c·G if it wins.
 */
export function takerFigures(stake, americanOdds, commission) {
  const gross = stake * multiplier(americanOdds);
  const feeIfLoses = commission * Math.min(stake, gross);
  const feeIfWins = commission * gross;
  return { stake, gross, feeIfLoses, feeIfWins, risk: stake + feeIfLoses, win: gross - feeIfWins };
}

/** A maker pays no commission: risk the stake, win the gross. */
export function makerFigures(stake, americanOdds) {
  const gross = stake * multiplier(americanOdds);
  return { stake, gross, feeIfLoses: 0, feeIfWins: 0, risk: stake, win: gross };
}

const dayTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fullTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Wed 25 Nov, 01:00 (the browser's time zone). */
export function when(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : dayTime.format(d);
}

export function whenFull(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : fullTime.format(d);
}

/** "in 3 h 20 min", "in 2 days", "started 5 min ago". */
export function fromNow(iso, now = Date.now()) {
  const ms = new Date(iso).getTime() - now;
  if (Number.isNaN(ms)) return '';
  const abs = Math.abs(ms);
  const minutes = Math.round(abs / 60000);
  let span;
  if (minutes < 1) span = 'less than a minute';
  else if (minutes < 60) span = `${minutes} min`;
  else if (minutes < 48 * 60) span = `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  else span = `${Math.round(minutes / 1440)} days`;
  return ms >= 0 ? `in ${span}` : `started ${span} ago`;
}

/** Seconds as the live-delay badge says them: 5 s, 0.4 s. */
export function seconds(value) {
  const n = Number(value);
  return Number.isFinite(n) ? `${Number(n.toFixed(2))} s` : '';
}

/** Away @ Home, from a game with participants [away, home]. */
export function matchup(game) {
  const [away, home] = game?.participants ?? [];
  if (!away || !home) return game?.eventName ?? 'Game';
  return `${away.longName} @ ${home.longName}`;
}

/** Participant long name by id within a game; 'Draw' for the 1x2 draw market. */
export function participantName(game, id) {
  if (id === 'draw') return 'Draw';
  const p = (game?.participants ?? []).find((x) => x.id === id);
  return p ? p.longName : 'Unknown side';
}

/**
 * What a bet or order is, from its owner's side: "Boston Celtics −3.5", "Over 224.5",
 * "Chelsea to win: yes", "Los Angeles Lakers moneyline".
 */
export function describeSelection(game, { type, side, participantID, market, number, spread, total, OU }) {
  const num = number ?? spread ?? total;
  switch (type) {
    case 'moneyline': return `${participantName(game, participantID ?? side)} moneyline`;
    case 'spread': return `${participantName(game, participantID ?? side)} ${line(num)}`;
    case 'total': {
      const ou = OU ?? side;
      return `${ou === 'under' ? 'Under' : 'Over'} ${num}`;
    }
    case 'moneyline1x2': {
      const outcome = market === 'draw' ? 'Draw' : `${participantName(game, market)} to win`;
      return `${outcome}: ${side === 'no' ? 'no' : 'yes'}`;
    }
    default: return type ?? 'Bet';
  }
}

export function typeName(type) {
  return { moneyline: 'Moneyline', spread: 'Spread', total: 'Total', moneyline1x2: '1X2' }[type] ?? type;
}
