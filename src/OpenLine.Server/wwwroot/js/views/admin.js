// The operator view (rules §10): users (create, deposit, withdraw), games (create, set live, post a
// result, void) and the ledger totals. It uses the operator API with the operator token, which is
// kept in this tab's sessionStorage only.

import { admin, ApiError } from '../api.js';
import { session } from '../session.js';
import { h, field, fill, table, announce } from '../dom.js';
import * as fmt from '../format.js';

export function mount(root) {
  document.title = 'Operator — OpenLine';
  let disposed = false;
  let timer = null;
  const page = h('div', { class: 'admin-page' });
  root.append(page);

  function showTokenForm(error) {
    clearInterval(timer);
    const input = h('input', { type: 'password', name: 'operator-token', autocomplete: 'off', required: true, spellcheck: 'false' });
    const message = h('p', { class: 'form-message', role: 'alert' }, error ?? '');
    const submit = h('button', { type: 'submit', class: 'primary' }, 'Open the operator view');
    const form = h('form', { class: 'card login-form', novalidate: true, 'aria-labelledby': 'op-title' },
      h('h1', { id: 'op-title' }, 'Operator'),
      h('p', null, 'The operator view needs the operator token (the server prints it at start, or set it with OpenLine:AdminToken). It is kept in this browser tab only.'),
      field('Operator token', input),
      message, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const token = input.value.trim();
      if (!token) {
        message.textContent = 'Enter the operator token.';
        input.focus();
        return;
      }
      submit.disabled = true;
      try {
        await admin.ledger(token);
        session.adminToken = token;
        showConsole();
      } catch (err) {
        message.textContent = err.status === 401 || err.status === 403 ? 'That operator token was not accepted.' : err.message;
        input.select();
        input.focus();
      } finally {
        submit.disabled = false;
      }
    });
    fill(page, form);
    input.focus();
  }

  function showConsole() {
    const token = session.adminToken;
    const ledgerEl = h('dl', { class: 'ledger-figures' });
    const ledgerNote = h('p', { class: 'muted' });
    const usersEl = h('div');
    const gamesEl = h('div');
    const usersMessage = h('p', { class: 'form-message', role: 'status' });
    const gamesMessage = h('p', { class: 'form-message', role: 'status' });
    const forget = h('button', { type: 'button', class: 'link-button' }, 'Forget the operator token');
    const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');

    fill(page,
      h('div', { class: 'page-head' },
        h('h1', null, 'Operator'),
        h('p', { class: 'subtitle' }, 'Users, games and the ledger, through the operator API. ', forget),
        refresh),
      h('section', { class: 'card', 'aria-labelledby': 'ledger-title' }, h('h2', { id: 'ledger-title' }, 'Ledger'), ledgerEl, ledgerNote),
      h('section', { class: 'card', 'aria-labelledby': 'games-title' }, h('h2', { id: 'games-title' }, 'Games'), gamesMessage, gamesEl, createGameForm()),
      h('section', { class: 'card', 'aria-labelledby': 'users-title' }, h('h2', { id: 'users-title' }, 'Users'), usersMessage, usersEl, createUserForm()));

    forget.addEventListener('click', () => {
      session.adminToken = null;
      showTokenForm();
    });
    refresh.addEventListener('click', () => { loadAll(); announce('Refreshed.'); });

    function say(el, text) {
      el.textContent = text;
      announce(text);
    }

    /** Runs an operator call; a refused token sends the operator back to the token form. */
    async function call(fn, messageEl) {
      try {
        return await fn();
      } catch (error) {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          session.adminToken = null;
          showTokenForm('The operator token was not accepted any more. Enter it again.');
        } else if (messageEl) {
          say(messageEl, error.message);
        }
        return undefined;
      }
    }

    // A correction (regrade, void after a result) can take back winnings already withdrawn: say who now owes.
    function owing(result) {
      const list = result.overdrawn || [];
      return list.length === 0 ? ''
        : ` Now owing: ${list.map((u) => `${u.username} ${fmt.money(-u.available)}`).join(', ')}.`;
    }

    async function loadLedger() {
      const l = await call(() => admin.ledger(token));
      if (!l || disposed) return;
      fill(ledgerEl, [
        ['Deposits', fmt.money(l.deposits)],
        ['Withdrawals', fmt.money(l.withdrawals)],
        ['User balances', fmt.money(l.balances)],
        ['House commission', fmt.money(l.commission)],
        ['Open liability', fmt.money(l.liability)],
        ['Ledger entries', String(l.entries)],
        ['Owing (after corrections)', (l.overdrawn || []).length === 0 ? 'nobody'
          : l.overdrawn.map((u) => `${u.username} ${fmt.money(-u.available)}`).join(', ')],
      ].map(([t, v]) => h('div', null, h('dt', null, t), h('dd', null, v))));
      fill(ledgerNote, l.identityHolds
        ? h('span', { class: 'ok-text', dataset: { testid: 'identity' } }, '✓ Deposits − withdrawals = user balances + house commission: the ledger balances.')
        : h('strong', { class: 'error', dataset: { testid: 'identity' } }, '✗ The ledger identity does not hold: deposits − withdrawals ≠ balances + commission.'));
    }

    async function loadUsers() {
      const users = await call(() => admin.users(token), usersMessage);
      if (!users || disposed) return;
      const rows = users.map((u) => {
        const amount = h('input', { inputmode: 'decimal', size: 8, 'aria-label': `Amount for ${u.username}`, autocomplete: 'off' });
        const act = (kind) => async () => {
          const value = fmt.parseNumber(amount.value);
          if (!Number.isFinite(value) || value <= 0) {
            say(usersMessage, `Enter an amount in dollars to ${kind} for ${u.username}.`);
            amount.focus();
            return;
          }
          const updated = await call(() => (kind === 'deposit' ? admin.deposit : admin.withdraw)(token, u.id, value), usersMessage);
          if (updated) {
            say(usersMessage, `${kind === 'deposit' ? 'Deposited' : 'Withdrew'} ${fmt.money(value)} ${kind === 'deposit' ? 'to' : 'from'} ${u.username}: balance ${fmt.money(updated.displayBalance)}.`);
            loadUsers();
            loadLedger();
          }
        };
        return [
          u.username,
          fmt.money(u.displayBalance),
          fmt.money(u.available),
          fmt.money(u.liability),
          fmt.money(u.creditLimit),
          `${Number((Number(u.commissionCharged) * 100).toFixed(2))}%`,
          h('div', { class: 'inline-actions' }, amount,
            h('button', { type: 'button', class: 'small', onclick: act('deposit') }, 'Deposit'),
            h('button', { type: 'button', class: 'small secondary', onclick: act('withdraw') }, 'Withdraw')),
        ];
      });
      fill(usersEl, table('Users', ['User', 'Balance', 'Available', 'Liability', 'Credit limit', 'Commission', 'Cash'], rows,
        { empty: 'No users yet.', rowAttrs: (i) => ({ dataset: { user: users[i].username } }) }));
    }

    async function loadGames() {
      const games = await call(() => admin.games(token), gamesMessage);
      if (!games || disposed) return;
      games.sort((a, b) => Number(a.ended) - Number(b.ended) || String(a.start).localeCompare(String(b.start)));
      const rows = games.map((g) => {
        const [away, home] = g.participants;
        const name = fmt.matchup(g);
        const awayScore = h('input', { class: 'score', inputmode: 'numeric', size: 3, 'aria-label': `${away.longName} score`, autocomplete: 'off', value: away.score ?? '' });
        const homeScore = h('input', { class: 'score', inputmode: 'numeric', size: 3, 'aria-label': `${home.longName} score`, autocomplete: 'off', value: home.score ?? '' });
        const status = g.ended
          ? (away.score !== undefined ? `Final ${away.score}–${home.score}` : 'Voided')
          : g.live ? 'Live' : new Date(g.start).getTime() > Date.now() ? 'Open' : 'Started';
        const live = h('button', { type: 'button', class: 'small secondary', disabled: g.ended }, g.live ? 'End live' : 'Set live');
        live.addEventListener('click', async () => {
          const updated = await call(() => admin.setLive(token, g.id, !g.live), gamesMessage);
          if (updated) {
            say(gamesMessage, `${name} is ${updated.live ? 'now live' : 'no longer live'}.`);
            loadGames();
          }
        });
        const post = h('button', { type: 'button', class: 'small' }, g.ended && away.score !== undefined ? 'Correct result' : 'Post result');
        post.addEventListener('click', async () => {
          const a = Number(awayScore.value.trim());
          const b = Number(homeScore.value.trim());
          if (awayScore.value.trim() === '' || homeScore.value.trim() === '' || !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0) {
            say(gamesMessage, `Enter both final scores of ${name} as whole numbers.`);
            (awayScore.value.trim() === '' ? awayScore : homeScore).focus();
            return;
          }
          const result = await call(() => admin.result(token, g.id, a, b), gamesMessage);
          if (result) {
            say(gamesMessage, result.changed === false
              ? `${name} already has the result ${a}–${b}: nothing changed.`
              : `Result posted for ${name}: ${away.shortName} ${a} – ${home.shortName} ${b}. ${result.betsSettled} ${result.betsSettled === 1 ? 'bet' : 'bets'} settled.${owing(result)}`);
            loadAll();
          }
        });
        const voidButton = h('button', { type: 'button', class: 'small danger-outline' }, 'Void');
        voidButton.addEventListener('click', async () => {
          if (voidButton.dataset.confirm !== 'yes') {
            voidButton.dataset.confirm = 'yes';
            voidButton.textContent = 'Confirm void';
            voidButton.setAttribute('aria-label', `Confirm: void ${name} and refund every bet`);
            say(gamesMessage, `Press “Confirm void” to void ${name}: every bet is refunded.`);
            return;
          }
          const result = await call(() => admin.voidGame(token, g.id), gamesMessage);
          if (result) {
            say(gamesMessage, `${name} is void: ${result.betsSettled} ${result.betsSettled === 1 ? 'bet' : 'bets'} refunded.${owing(result)}`);
            loadAll();
          }
        });
        return [
          h('span', null, name, h('small', { class: 'muted block' }, g.id)),
          g.league,
          h('time', { datetime: g.start }, fmt.when(g.start)),
          status,
          h('div', { class: 'inline-actions' }, live),
          h('div', { class: 'inline-actions' }, awayScore, h('span', { 'aria-hidden': 'true' }, '–'), homeScore, post),
          voidButton,
        ];
      });
      fill(gamesEl, table('Games', ['Game', 'League', 'Start', 'Status', 'Live', 'Final score (away – home)', 'Void'], rows,
        { empty: 'No games yet.', rowAttrs: (i) => ({ dataset: { gameId: games[i].id } }) }));
    }

    function createUserForm() {
      const username = h('input', { name: 'new-username', autocomplete: 'off', required: true });
      const password = h('input', { name: 'new-password', type: 'password', autocomplete: 'new-password', required: true });
      const balance = h('input', { name: 'new-balance', inputmode: 'decimal', value: '0' });
      const credit = h('input', { name: 'new-credit', inputmode: 'decimal', value: '0' });
      const commission = h('input', { name: 'new-commission', inputmode: 'decimal', value: '1' });
      const message = h('p', { class: 'form-message', role: 'status' });
      const form = h('form', { class: 'subform', novalidate: true, 'aria-labelledby': 'new-user-title' },
        h('h3', { id: 'new-user-title' }, 'Create a user'),
        h('div', { class: 'form-grid' },
          field('Username', username), field('Password', password),
          field('Opening balance ($)', balance), field('Credit limit ($, 0 or less)', credit), field('Commission (%)', commission)),
        message,
        h('button', { type: 'submit' }, 'Create user'));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const values = { balance: fmt.parseNumber(balance.value || '0'), creditLimit: fmt.parseNumber(credit.value || '0'), commission: fmt.parseNumber(commission.value || '0') };
        if (!username.value.trim() || !password.value) { say(message, 'Enter a username and a password.'); (username.value.trim() ? password : username).focus(); return; }
        if (!Number.isFinite(values.balance) || values.balance < 0) { say(message, 'The opening balance is a dollar amount, 0 or more.'); balance.focus(); return; }
        if (!Number.isFinite(values.creditLimit) || values.creditLimit > 0) { say(message, 'The credit limit is 0 or a negative dollar amount (−500 lets the user bet $500 beyond their cash).'); credit.focus(); return; }
        if (!Number.isFinite(values.commission) || values.commission < 0 || values.commission > 100) { say(message, 'Commission is a percentage from 0 to 100.'); commission.focus(); return; }
        const user = await call(() => admin.createUser(token, {
          username: username.value.trim(), password: password.value, balance: values.balance, creditLimit: values.creditLimit, commission: values.commission / 100,
        }), message);
        if (user) {
          say(message, `Created ${user.username} with ${fmt.money(user.displayBalance)}.`);
          form.reset();
          loadUsers();
          loadLedger();
        }
      });
      return form;
    }

    function createGameForm() {
      const league = h('input', { name: 'league', autocomplete: 'off', required: true, placeholder: 'NBA' });
      const sport = h('input', { name: 'sport', autocomplete: 'off', required: true, placeholder: 'basketball' });
      const start = h('input', { name: 'start', type: 'datetime-local', required: true });
      const eventName = h('input', { name: 'event-name', autocomplete: 'off' });
      const awayLong = h('input', { name: 'away-long', autocomplete: 'off', required: true });
      const awayShort = h('input', { name: 'away-short', autocomplete: 'off', required: true, size: 5 });
      const homeLong = h('input', { name: 'home-long', autocomplete: 'off', required: true });
      const homeShort = h('input', { name: 'home-short', autocomplete: 'off', required: true, size: 5 });
      const message = h('p', { class: 'form-message', role: 'status' });
      const inAnHour = new Date(Date.now() + 3600_000);
      inAnHour.setSeconds(0, 0);
      start.value = new Date(inAnHour.getTime() - inAnHour.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
      const form = h('form', { class: 'subform', novalidate: true, 'aria-labelledby': 'new-game-title' },
        h('h3', { id: 'new-game-title' }, 'Create a game'),
        h('div', { class: 'form-grid' },
          field('League', league), field('Sport', sport, 'e.g. basketball, football, soccer'),
          field('Start (your time zone)', start), field('Event name (optional)', eventName),
          field('Away team', awayLong), field('Away short name', awayShort),
          field('Home team', homeLong), field('Home short name', homeShort)),
        message,
        h('button', { type: 'submit' }, 'Create game'));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const missing = [league, sport, start, awayLong, awayShort, homeLong, homeShort].find((i) => !i.value.trim());
        if (missing) { say(message, 'Fill in the league, sport, start and both teams.'); missing.focus(); return; }
        const when = new Date(start.value);
        if (Number.isNaN(when.getTime())) { say(message, 'Enter a valid start date and time.'); start.focus(); return; }
        const game = await call(() => admin.createGame(token, {
          league: league.value.trim(), sport: sport.value.trim(), start: when.toISOString(), eventName: eventName.value.trim() || undefined,
          participants: [{ longName: awayLong.value.trim(), shortName: awayShort.value.trim() }, { longName: homeLong.value.trim(), shortName: homeShort.value.trim() }],
        }), message);
        if (game) {
          say(message, `Created ${fmt.matchup(game)} (${game.league}, ${fmt.when(game.start)}).`);
          for (const i of [eventName, awayLong, awayShort, homeLong, homeShort]) i.value = '';
          loadGames();
        }
      });
      return form;
    }

    function loadAll() {
      loadLedger();
      loadUsers();
      loadGames();
    }

    loadAll();
    clearInterval(timer);
    timer = setInterval(() => { if (!document.hidden) loadLedger(); }, 5000);
  }

  if (session.adminToken) showConsole();
  else showTokenForm();
  return () => {
    disposed = true;
    clearInterval(timer);
  };
}
