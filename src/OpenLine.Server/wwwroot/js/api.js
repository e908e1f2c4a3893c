// The public REST API, as the page uses it. User calls authenticate with the signed, HttpOnly `auth`
// cookie that /user/login sets (the page never sees or stores the token); operator calls send the
// operator token in Authorization, which the server reads before any cookie.

import { money } from './format.js';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

const listeners = new Set();

/** Called with (status) when a user call answers 401: the session is gone. */
export function onUnauthorized(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function request(method, path, { body, query, adminToken } = {}) {
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const text = params.toString();
    if (text) url += `?${text}`;
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (adminToken) headers.Authorization = adminToken;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the exchange. Check your connection; the page retries when you act again.');
  }
  let json = null;
  const text = await response.text();
  if (text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  if (!response.ok) {
    const message = httpErrorText(response, json, Boolean(adminToken));
    if (response.status === 401 && !adminToken) for (const fn of listeners) fn(response.status);
    throw new ApiError(response.status, message, json);
  }
  return json;
}

function httpErrorText(response, json, admin) {
  const raw = typeof json?.error === 'string' ? json.error : json?.error?.message;
  switch (response.status) {
    case 401:
      return admin ? 'The operator token was not accepted.' : 'You are not logged in, or your session has expired. Please log in again.';
    case 403:
      return admin ? 'That token is not the operator token.' : (raw ? sentence(raw) : 'That is not allowed for your account.');
    case 429: {
      const wait = response.headers.get('Retry-After');
      return `Too many requests: please wait${wait ? ` ${wait} s` : ' a moment'} and try again.`;
    }
    case 503:
      return `The exchange is not taking requests right now${raw ? ` (${raw})` : ''}. Try again shortly.`;
    default:
      return raw ? sentence(raw) : `The exchange answered ${response.status} ${response.statusText}.`;
  }
}

/** First letter up, full stop at the end. */
export function sentence(text) {
  const t = String(text).trim();
  if (!t) return t;
  const first = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

const data = (json) => json?.data;

// --- Accounts
export const login = (username, password) => request('POST', '/user/login', { body: { username, password } }).then((j) => data(j).user);
export const logout = () => request('POST', '/user/logout', { body: {} });
export const getMe = () => request('GET', '/user/getMe').then((j) => data(j).user);

// --- Markets
export const getLeagues = () => request('GET', '/exchange/getLeagues').then((j) => data(j).availableLeagues);
export const getLiveDelays = () => request('GET', '/exchange/getLiveDelays').then(data);
export const getBooks = (league) => request('GET', '/exchange/v2/getOrderbook', { query: { league } }).then((j) => data(j).games);
export const getBook = (gameID) => request('GET', '/exchange/v2/getOrderbook', { query: { gameID } }).then((j) => data(j).games[0]);

// --- Orders
export const place = (orders) => request('POST', '/session/v3/place', { body: { orders } }).then((j) => data(j).createdSessions);
export const cancel = (orderID) => request('POST', '/session/cancel', { body: { sessionID: orderID } }).then(data);
export const cancelAll = () => request('POST', '/session/cancelAllOrders', { body: {} }).then(data);

// --- My bets
export const getUnmatched = () => request('GET', '/user/getUnmatched').then((j) => data(j).unmatched);
export const getMatchedBets = () => request('GET', '/user/getMatchedBets').then((j) => data(j).matchedBets);
export const getOrdersForGame = (gameID) => request('GET', '/user/getOrdersForGame', { query: { gameID } }).then(data);
/**
 * The whole graded history. getGraded windows on game start and its end defaults to now, so a game
 * graded before its scheduled start would be left out: the end is set years ahead instead.
 */
export const getGraded = () => request('GET', '/user/v2/getGraded', {
  query: { endDate: new Date(Date.now() + 5 * 365 * 86400_000).toISOString() },
}).then(data);

// --- Operator (rules §10)
export const admin = {
  users: (token) => request('GET', '/admin/users', { adminToken: token }).then((j) => data(j).users),
  games: (token) => request('GET', '/admin/games', { adminToken: token }).then((j) => data(j).games),
  ledger: (token) => request('GET', '/admin/ledger', { adminToken: token }).then(data),
  createUser: (token, user) => request('POST', '/admin/users', { adminToken: token, body: user }).then((j) => data(j).user),
  deposit: (token, id, amount) => request('POST', `/admin/users/${encodeURIComponent(id)}/deposit`, { adminToken: token, body: { amount } }).then((j) => data(j).user),
  withdraw: (token, id, amount) => request('POST', `/admin/users/${encodeURIComponent(id)}/withdraw`, { adminToken: token, body: { amount } }).then((j) => data(j).user),
  createGame: (token, game) => request('POST', '/admin/games', { adminToken: token, body: game }).then((j) => data(j).game),
  setLive: (token, id, live) => request('POST', `/admin/games/${encodeURIComponent(id)}/live`, { adminToken: token, body: { live } }).then((j) => data(j).game),
  result: (token, id, awayScore, homeScore) => request('POST', `/admin/games/${encodeURIComponent(id)}/result`, { adminToken: token, body: { awayScore, homeScore } }).then(data),
  voidGame: (token, id) => request('POST', `/admin/games/${encodeURIComponent(id)}/void`, { adminToken: token, body: {} }).then(data),
};

/**
 * One place result (API §3.2) in plain words for the person who sent it. `entry` is a
 * createdSessions element: { error, errorType } or { matched: [...], unmatched: {...} | {} }.
 */
export function describeOrderError(entry) {
  const message = String(entry.error ?? 'The order was not accepted.');
  switch (entry.errorType ?? entry.error_type) {
    case 'rejected_liability': {
      // "Insufficient balance. You have $X available for betting. Balance is $B, credit limit is $C, current liability is $L."
      const figure = (label) => {
        const m = message.match(new RegExp(`${label} \\$(-?\\d[\\d,]*(?:\\.\\d+)?)`, 'i'));
        return m ? Number(m[1].replace(/,/g, '')) : null;
      };
      const available = figure('You have');
      if (available === null) return sentence(message);
      const balance = figure('Balance is');
      const liability = figure('current liability is');
      let text = `Insufficient balance: you have ${money(available)} available`;
      if (balance !== null && liability !== null) text += ` (balance ${money(balance)}, open liability ${money(liability)})`;
      return `${text}. Lower the stake, or cancel open orders to free funds.`;
    }
    case 'rejected_order_type_rules':
      if (/fill and kill has no matches/i.test(message)) return 'Nothing was matched: no offer is left at this price or better (it was taken or withdrawn). Nothing was placed.';
      if (/post order cannot have matches/i.test(message)) return 'Not posted: an offer at this price or better is already on the book, so your offer would match at once. Take that offer instead, or choose a price nobody offers yet.';
      return sentence(message);
    case 'system_error':
      return `The exchange could not process this order (${message}). Nothing was placed; try again.`;
    default:
      return sentence(message);
  }
}
