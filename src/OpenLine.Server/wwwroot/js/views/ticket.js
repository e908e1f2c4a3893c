// The trade ticket: take offers now (fillAndKill at the clicked price) or post an offer (post), with
// risk, win and commission worked out before anything is sent (API §8.2, §8.9). A native <dialog>:
// focus moves into it, Escape closes it, and focus returns to the price that opened it.

import * as api from '../api.js';
import { session } from '../session.js';
import { h, field, fill, uid } from '../dom.js';
import { ladderKey, levels, sizeAtOrBetter, orderFor } from '../book.js';
import * as fmt from '../format.js';

const MINIMUM_OFFER = 10;

export class Ticket {
  /**
   * @param {object} deps
   * @param {() => object} deps.game the game being traded
   * @param {() => Map} deps.ladders ladder key → book entries
   * @param {() => Set<string>} deps.myOrderIds ids of the caller's own resting orders
   * @param {(result: {text: string, ok: boolean}) => void} deps.onResult
   */
  constructor({ game, ladders, myOrderIds, onResult }) {
    this.deps = { game, ladders, myOrderIds, onResult };
    this.returnFocus = null;
    this.sending = false;
    this.build();
  }

  build() {
    const id = uid('ticket');
    this.title = h('h2', { id: `${id}-title`, class: 'ticket-title' });
    this.modeTake = h('input', { type: 'radio', name: `${id}-mode`, value: 'take', id: `${id}-take` });
    this.modePost = h('input', { type: 'radio', name: `${id}-mode`, value: 'post', id: `${id}-post` });
    this.modes = h('fieldset', { class: 'modes' },
      h('legend', null, 'Order'),
      h('div', { class: 'mode' }, this.modeTake, h('label', { for: `${id}-take` }, 'Take offers now', h('small', null, 'fill and kill: whatever is not matched at once is cancelled'))),
      h('div', { class: 'mode' }, this.modePost, h('label', { for: `${id}-post` }, 'Post an offer', h('small', null, 'rests on the book until someone takes it'))));

    this.sideSelect = h('select', { name: 'side' });
    this.outcomeSelect = h('select', { name: 'outcome' });
    this.lineInput = h('input', { name: 'line', inputmode: 'decimal', autocomplete: 'off', size: 6 });
    this.oddsInput = h('input', { name: 'odds', inputmode: 'text', autocomplete: 'off', size: 8 });
    this.stakeInput = h('input', { name: 'stake', inputmode: 'decimal', autocomplete: 'off', size: 10 });
    this.outcomeField = field('Outcome', this.outcomeSelect);
    this.sideField = field('Side', this.sideSelect);
    this.lineField = field('Line', this.lineInput);
    this.oddsField = field('Odds (American)', this.oddsInput, 'e.g. −110 or +150');
    this.stakeField = field('Stake ($)', this.stakeInput);

    this.summary = h('div', { class: 'ticket-summary', id: `${id}-summary` });
    this.message = h('p', { class: 'form-message', role: 'alert' });
    this.submit = h('button', { type: 'submit', class: 'primary', 'aria-describedby': `${id}-summary` });
    this.cancelButton = h('button', { type: 'button', class: 'secondary' }, 'Close');
    this.form = h('form', { method: 'dialog', novalidate: true },
      this.title,
      h('p', { class: 'ticket-game muted' }),
      this.modes,
      h('div', { class: 'ticket-fields' }, this.outcomeField, this.sideField, this.lineField, this.oddsField, this.stakeField),
      this.summary,
      this.message,
      h('div', { class: 'ticket-actions' }, this.submit, this.cancelButton));
    this.dialog = h('dialog', { class: 'ticket', 'aria-labelledby': `${id}-title` }, this.form);

    for (const el of [this.modeTake, this.modePost]) el.addEventListener('change', () => this.refresh());
    this.sideSelect.addEventListener('change', () => this.onSideChange());
    this.outcomeSelect.addEventListener('change', () => this.refresh());
    for (const el of [this.lineInput, this.oddsInput, this.stakeInput]) {
      el.addEventListener('input', () => {
        el.removeAttribute('aria-invalid');
        this.refresh();
      });
    }
    this.cancelButton.addEventListener('click', () => this.close());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.dialog.addEventListener('close', () => {
      // The price that opened the ticket, or the same price in its redrawn ladder.
      let target = this.returnFocus;
      if (target && !target.isConnected && this.returnLadder) {
        const side = [...document.querySelectorAll('[data-ladder]')].find((el) => el.dataset.ladder === this.returnLadder);
        target = [...(side?.querySelectorAll('button.price') ?? [])].find((b) => b.dataset.odds === this.returnOdds)
          ?? side?.querySelector('button.price, .post-button') ?? null;
      }
      // A ladder redrawn just after this (the fill's own update) takes focus back to the same price.
      this.lastReturn = this.returnLadder ? { ladder: this.returnLadder, odds: this.returnOdds, until: Date.now() + 3000 } : null;
      this.returnFocus = null;
      target?.focus();
    });
  }

  get element() {
    return this.dialog;
  }

  get isOpen() {
    return this.dialog.open;
  }

  /**
   * Opens the ticket for one ladder (the side a taker would back).
   * @param {{ key: string, mode: 'take'|'post', odds?: number, returnFocus?: Element }} options
   */
  open({ key, mode, odds, returnFocus }) {
    const game = this.deps.game();
    const [away, home] = game.participants;
    const parts = key.split('|');
    this.type = parts[0];
    this.message.textContent = '';
    fill(this.form.querySelector('.ticket-game'), `${fmt.matchup(game)} · ${game.league}`);

    // The choices for this market type.
    this.outcomeField.hidden = this.type !== 'moneyline1x2';
    this.lineField.hidden = this.type !== 'spread' && this.type !== 'total';
    switch (this.type) {
      case 'moneyline':
      case 'spread':
        fill(this.sideSelect, h('option', { value: away.id }, away.longName), h('option', { value: home.id }, home.longName));
        this.sideSelect.value = parts[1];
        if (this.type === 'spread') this.lineInput.value = spreadText(Number(parts[2]));
        break;
      case 'total':
        fill(this.sideSelect, h('option', { value: 'over' }, 'Over'), h('option', { value: 'under' }, 'Under'));
        this.sideSelect.value = parts[1];
        this.lineInput.value = String(Number(parts[2]));
        break;
      case 'moneyline1x2':
        fill(this.outcomeSelect,
          h('option', { value: away.id }, `${away.longName} to win`),
          h('option', { value: 'draw' }, 'Draw'),
          h('option', { value: home.id }, `${home.longName} to win`));
        this.outcomeSelect.value = parts[1];
        fill(this.sideSelect, h('option', { value: 'yes' }, 'Yes'), h('option', { value: 'no' }, 'No'));
        this.sideSelect.value = parts[2];
        break;
      default:
        return;
    }
    (mode === 'post' ? this.modePost : this.modeTake).checked = true;

    const ladder = this.levelsOf(this.currentKey(), true);
    if (mode === 'take') {
      const price = odds ?? ladder[0]?.odds ?? -110;
      this.oddsInput.value = fmt.odds(price);
      // Everything offered at this price or better (a fill-and-kill at a worse level takes the better ones first).
      const offered = sizeAtOrBetter(ladder, price);
      this.stakeInput.value = offered > 0 ? this.affordable(offered, price).toFixed(2) : '';
    } else {
      this.oddsInput.value = fmt.odds(odds ?? this.defaultPostOdds());
      this.stakeInput.value = '100.00';
    }
    for (const el of [this.lineInput, this.oddsInput, this.stakeInput]) el.removeAttribute('aria-invalid');
    this.returnFocus = returnFocus ?? document.activeElement;
    this.returnLadder = this.returnFocus?.closest?.('[data-ladder]')?.dataset.ladder ?? null;
    this.returnOdds = this.returnFocus?.dataset?.odds;
    this.refresh();
    if (!this.dialog.open) this.dialog.showModal();
    this.stakeInput.focus();
    this.stakeInput.select();
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** Re-reads the book (an orderUpdate arrived while the ticket is open). */
  bookChanged() {
    if (this.dialog.open) this.refresh();
  }

  mode() {
    return this.modePost.checked ? 'post' : 'take';
  }

  /** The ladder a taker of the current selection would take from. */
  currentKey() {
    const line = fmt.parseNumber(this.lineInput.value);
    switch (this.type) {
      case 'moneyline': return ladderKey('moneyline', { participantID: this.sideSelect.value });
      case 'spread': return ladderKey('spread', { participantID: this.sideSelect.value, spread: line });
      case 'total': return ladderKey('total', { OU: this.sideSelect.value, total: line });
      case 'moneyline1x2': return ladderKey('moneyline1x2', { market: this.outcomeSelect.value, side: this.sideSelect.value });
      default: return null;
    }
  }

  /** The ladder on the other side of the same bet (where an offer on this selection is shown). */
  counterKey() {
    const game = this.deps.game();
    const [away, home] = game.participants;
    const line = fmt.parseNumber(this.lineInput.value);
    const other = this.sideSelect.value === away.id ? home.id : away.id;
    switch (this.type) {
      case 'moneyline': return ladderKey('moneyline', { participantID: other });
      case 'spread': return ladderKey('spread', { participantID: other, spread: line === 0 ? 0 : -line });
      case 'total': return ladderKey('total', { OU: this.sideSelect.value === 'over' ? 'under' : 'over', total: line });
      case 'moneyline1x2': return ladderKey('moneyline1x2', { market: this.outcomeSelect.value, side: this.sideSelect.value === 'yes' ? 'no' : 'yes' });
      default: return null;
    }
  }

  /** Price levels of a ladder; without the caller's own orders when `takeable` (no self-matching). */
  levelsOf(key, takeable) {
    const entries = this.deps.ladders().get(key) ?? [];
    const mine = this.deps.myOrderIds();
    return levels(takeable ? entries.filter((e) => !mine.has(e.id)) : entries);
  }

  /** Joins the best queue of the same side: the best offer on the other ladder, seen from this side. */
  defaultPostOdds() {
    const counter = this.levelsOf(this.counterKey(), false)[0];
    if (counter) return fmt.counterOdds(counter.odds);
    const best = this.levelsOf(this.currentKey(), true)[0];
    if (best) return improve(best.odds);
    return -110;
  }

  /** The largest stake (cents, rounded down) whose risk fits what the caller has available. */
  affordable(stake, odds) {
    const me = session.me;
    if (!me) return stake;
    const c = Number(me.commissionCharged) || 0;
    const perDollar = 1 + c * Math.min(1, fmt.multiplier(odds));
    const max = Math.floor((Number(me.available) / perDollar) * 100) / 100;
    return Math.max(0, Math.min(Math.floor(stake * 100) / 100, max));
  }

  onSideChange() {
    // A spread line is always from the chosen side's view: switching sides flips its sign.
    if (this.type === 'spread') {
      const line = fmt.parseNumber(this.lineInput.value);
      if (Number.isFinite(line) && line !== 0) this.lineInput.value = spreadText(-line);
    }
    this.refresh();
  }

  selectionText() {
    const game = this.deps.game();
    const line = fmt.parseNumber(this.lineInput.value);
    return fmt.describeSelection(game, {
      type: this.type,
      side: this.sideSelect.value,
      participantID: this.type === 'moneyline' || this.type === 'spread' ? this.sideSelect.value : undefined,
      market: this.outcomeSelect.value,
      number: Number.isFinite(line) ? line : undefined,
      OU: this.type === 'total' ? this.sideSelect.value : undefined,
    });
  }

  counterSelectionText() {
    const game = this.deps.game();
    const [away, home] = game.participants;
    const line = fmt.parseNumber(this.lineInput.value);
    const other = this.sideSelect.value === away.id ? home.id : away.id;
    return fmt.describeSelection(game, {
      type: this.type,
      side: this.sideSelect.value === 'yes' ? 'no' : 'yes',
      participantID: other,
      market: this.outcomeSelect.value,
      number: Number.isFinite(line) ? (this.type === 'spread' ? -line : line) : undefined,
      OU: this.sideSelect.value === 'over' ? 'under' : 'over',
    });
  }

  /** Reads the fields: { odds, stake, line, errors: [[input, text]] }. */
  read() {
    const errors = [];
    const odds = fmt.parseNumber(this.oddsInput.value);
    const stake = fmt.parseNumber(this.stakeInput.value);
    const line = fmt.parseNumber(this.lineInput.value);
    if (!this.lineField.hidden && (!Number.isFinite(line) || Math.round(line * 2) !== line * 2 || (this.type === 'total' && line <= 0))) {
      errors.push([this.lineInput, this.type === 'total' ? 'Enter the total line, e.g. 224.5.' : 'Enter the spread line in halves, e.g. −3.5 or +7.']);
    }
    if (!fmt.validOdds(odds)) errors.push([this.oddsInput, 'Odds are whole American odds from 100 to 100000 either way, e.g. −110 or +150.']);
    if (!Number.isFinite(stake) || stake <= 0) errors.push([this.stakeInput, 'Enter a stake in dollars, more than $0.']);
    else if (Math.round(stake * 100) !== Math.round(stake * 1e6) / 1e4) errors.push([this.stakeInput, 'Stakes are in dollars and cents.']);
    else if (this.mode() === 'post' && stake < MINIMUM_OFFER) errors.push([this.stakeInput, `Offers must be at least ${fmt.money(MINIMUM_OFFER)}.`]);
    return { odds, stake, line, errors };
  }

  refresh() {
    const mode = this.mode();
    const game = this.deps.game();
    this.title.textContent = mode === 'take' ? `Take: ${this.selectionText()}` : `Post an offer: ${this.selectionText()}`;
    this.submit.textContent = mode === 'take' ? 'Take offers' : 'Post offer';
    if (this.sending) {
      this.submit.textContent = game.live ? `Sending… (up to the ${fmt.seconds(session.delayFor(game.league))} bet delay)` : 'Sending…';
    }
    const { odds, stake, errors } = this.read();
    const me = session.me;
    const c = Number(me?.commissionCharged) || 0;
    const rows = [];
    const notes = [];
    const validNumbers = fmt.validOdds(odds) && Number.isFinite(stake) && stake > 0;
    if (validNumbers && mode === 'take') {
      const f = fmt.takerFigures(stake, odds, c);
      rows.push(['You risk', fmt.money(f.risk), `stake ${fmt.money(stake)} + ${fmt.money(f.feeIfLoses)} commission if it loses`]);
      rows.push(['You win', fmt.money(f.win), `${fmt.money(f.gross)} − ${fmt.money(f.feeIfWins)} commission if it wins`]);
      rows.push(['Commission', `${Number((c * 100).toFixed(2))}%`, 'of the smaller of stake and win if it loses; of the win if it wins']);
      const offered = sizeAtOrBetter(this.levelsOf(this.currentKey(), true), odds);
      notes.push(offered > 0
        ? `${fmt.money(offered)} is offered at ${fmt.odds(odds)} or better.`
        : `Nobody offers ${fmt.odds(odds)} or better right now: this order would match nothing.`);
      if (offered > 0 && stake > offered + 0.005) notes.push(`Only ${fmt.money(offered)} can match now; the other ${fmt.money(stake - offered)} would be cancelled, not left on the book.`);
      const riskNow = fmt.takerFigures(Math.min(stake, offered), odds, c).risk;
      if (me && offered > 0 && riskNow > Number(me.available) + 0.005) notes.push(`Warning: that risks ${fmt.money(riskNow)} but you have ${fmt.money(me.available)} available, so the exchange will refuse it. Lower the stake.`);
      notes.push('Fills at your price or better.');
    } else if (validNumbers) {
      const f = fmt.makerFigures(stake, odds);
      rows.push(['You risk', fmt.money(f.risk), 'your stake, held while the offer rests']);
      rows.push(['You win', fmt.money(f.win), 'if it is taken and wins']);
      rows.push(['Commission', 'none', 'offers that rest on the book pay no commission']);
      notes.push(`Takers will see: ${this.counterSelectionText()} at ${fmt.odds(fmt.counterOdds(odds))}.`);
      if (me && stake > Number(me.available) + 0.005) notes.push(`Warning: you have ${fmt.money(me.available)} available, less than this stake, so the exchange will refuse it. Lower the stake.`);
      const wouldMatch = sizeAtOrBetter(this.levelsOf(this.currentKey(), true), odds);
      if (wouldMatch > 0) notes.push(`Warning: ${fmt.money(wouldMatch)} is already offered at ${fmt.odds(odds)} or better, so this offer would match at once and be refused. Take it instead, or choose better odds.`);
    }
    if (game.live) notes.push(`Live game: an order that would match waits for the ${game.league} bet delay (${fmt.seconds(session.delayFor(game.league))}), then fills only at your price or better.`);
    if (me) notes.push(`Available to bet: ${fmt.money(me.available)}.`);
    const visibleErrors = errors.filter(([input]) => input.value.trim() !== '' && input.getAttribute('aria-invalid') === 'true');
    fill(this.summary,
      rows.length ? h('dl', { class: 'figures' }, rows.map(([term, value, detail]) => h('div', null, h('dt', null, term), h('dd', null, h('strong', null, value), h('small', null, detail))))) : null,
      h('ul', { class: 'notes' }, notes.map((n) => h('li', { class: n.startsWith('Warning') ? 'warning' : null }, n))),
      visibleErrors.length ? h('ul', { class: 'field-errors' }, visibleErrors.map(([, text]) => h('li', null, text))) : null);
  }

  async send() {
    if (this.sending) return;
    const { odds, stake, line, errors } = this.read();
    for (const el of [this.lineInput, this.oddsInput, this.stakeInput]) el.removeAttribute('aria-invalid');
    if (errors.length) {
      for (const [input] of errors) input.setAttribute('aria-invalid', 'true');
      this.message.textContent = errors.map(([, text]) => text).join(' ');
      errors[0][0].focus();
      return;
    }
    const game = this.deps.game();
    const mode = this.mode();
    const order = {
      ...orderFor(game.id, this.currentKey(), this.lineField.hidden ? undefined : line),
      odds,
      bet: stake,
      orderType: mode === 'take' ? 'fillAndKill' : 'post',
      userReference: `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    };
    const selection = this.selectionText();
    const counter = this.counterSelectionText();
    this.sending = true;
    this.submit.disabled = true;
    this.message.textContent = '';
    this.refresh();
    try {
      const [entry] = await api.place([order]);
      if (entry.error) {
        this.message.textContent = api.describeOrderError(entry);
        return;
      }
      const text = mode === 'take' ? takenText(selection, stake, entry) : postedText(selection, counter, entry);
      this.close();
      this.deps.onResult({ text, ok: true });
    } catch (error) {
      this.message.textContent = error.message;
    } finally {
      this.sending = false;
      this.submit.disabled = false;
      if (this.dialog.open) this.refresh();
    }
  }
}

/** A spread line as typed in the ticket: +3.5, −3.5, 0. */
function spreadText(n) {
  return n === 0 ? '0' : fmt.line(n);
}

/** The next price a taker would prefer: +115 → +116, −136 → −135, −101 → +100. */
function improve(o) {
  if (o > 0) return o + 1;
  if (o <= -102) return o + 1;
  return 100;
}

function takenText(selection, stake, entry) {
  const fills = entry.matched ?? [];
  const amount = fills.reduce((s, f) => s + Number(f.amount), 0);
  const risk = fills.reduce((s, f) => s + Number(f.risk), 0);
  const win = fills.reduce((s, f) => s + Number(f.win), 0);
  const prices = [...new Set(fills.map((f) => f.odds))].map(fmt.odds);
  let text = `Matched ${fmt.money(amount)} on ${selection} at ${prices.join(', ')}: you risk ${fmt.money(risk)} to win ${fmt.money(win)}.`;
  if (stake - amount > 0.005) text += ` The other ${fmt.money(stake - amount)} found no offer at your price and was cancelled.`;
  return text;
}

function postedText(selection, counter, entry) {
  const u = entry.unmatched ?? {};
  return `Offer posted: ${selection} at ${fmt.odds(u.odds)} for ${fmt.money(u.offered)}. Takers see it as ${counter} at ${fmt.odds(fmt.counterOdds(u.odds))}.`;
}
