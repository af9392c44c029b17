// Claim suggestions in the reader: a quiet underline on each figure, date, duration and quote
// claimdesk found worth checking; clicking one opens its card, to make a pre-filled claim of it
// or dismiss it (for this article, remembered by the host).
import * as api from './api';
import type { Claim, Suggestion, SuggestionKey, SuggestionValue } from './api';
import { el, errorMessage, replace, setText } from './dom';
import type { SuggestionRange } from './highlight';
import { lang, plural, t, type Key } from './i18n';

const STORAGE_KEY = 'claimdesk.suggestions';

export interface SuggestionHost {
  /** The article open, or null. */
  articleId(): string | null;
  /** True while an earlier version is shown: suggestions are about the latest one. */
  readOnly(): boolean;
  /** Underlines these ranges in the reader (none to clear). */
  underline(ranges: SuggestionRange[]): void;
  /** The reader's underlined segments of suggestion `index`. */
  marks(index: number): HTMLElement[];
  /** A claim was made from a suggestion. */
  accepted(claim: Claim, suggestion: Suggestion): void;
  error(message: string): void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The key that names `s` for the host. */
export function keyOf(s: Suggestion): SuggestionKey {
  return { type: s.type, text: s.text, occurrence: s.occurrence };
}

/** True when the reviewer still has to look at `s`: not dismissed, no claim covers it. */
export function pending(s: Suggestion): boolean {
  return s.dismissed_by === null && s.claim_id === null;
}

function number(n: number): string {
  return new Intl.NumberFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 6 }).format(n);
}

const DURATION_PARTS: [RegExp, Key, Key][] = [
  [/(\d+(?:[.,]\d+)?)Y/, 'durationYearOne', 'durationYearMany'],
  [/(\d+(?:[.,]\d+)?)M/, 'durationMonthOne', 'durationMonthMany'],
  [/(\d+(?:[.,]\d+)?)W/, 'durationWeekOne', 'durationWeekMany'],
  [/(\d+(?:[.,]\d+)?)D/, 'durationDayOne', 'durationDayMany'],
];
const TIME_PARTS: [RegExp, Key, Key][] = [
  [/(\d+(?:[.,]\d+)?)H/, 'durationHourOne', 'durationHourMany'],
  [/(\d+(?:[.,]\d+)?)M/, 'durationMinuteOne', 'durationMinuteMany'],
  [/(\d+(?:[.,]\d+)?)S/, 'durationSecondOne', 'durationSecondMany'],
];

/** An ISO 8601 duration in words ("P4D" → "4 days"); the ISO text when it is not one. */
export function durationWords(iso: string): string {
  const m = /^P([^T]*)(?:T(.*))?$/.exec(iso);
  if (!m) return iso;
  const words: string[] = [];
  for (const [part, table] of [
    [m[1] ?? '', DURATION_PARTS],
    [m[2] ?? '', TIME_PARTS],
  ] as const) {
    for (const [re, one, many] of table) {
      const found = re.exec(part);
      if (found) {
        const n = Number(found[1].replace(',', '.'));
        words.push(plural(n, one, many, { n: number(n) }));
      }
    }
  }
  return words.length ? words.join(' ') : iso;
}

/** A date value in words, at its granularity ("2024-08-28" → "28 August 2024"; "2023" stays a year). */
export function dateWords(date: string, granularity: SuggestionValue['granularity']): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return date;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  const options: Intl.DateTimeFormatOptions =
    granularity === 'year' || !m[2]
      ? { year: 'numeric', timeZone: 'UTC' }
      : granularity === 'month' || !m[3]
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', options).format(new Date(Date.UTC(year, month - 1, day)));
}

/** What claimdesk read in a span, in words: "950 000 000 utilisateurs", "4 days (P4D)"…; '' for a quote. */
export function describeValue(type: Suggestion['type'], value: SuggestionValue | undefined): string {
  if (!value) return '';
  switch (type) {
    case 'quantity': {
      if (typeof value.number !== 'number') return '';
      const parts = [number(value.number), value.unit ?? ''].filter(Boolean).join(' ');
      return value.vague ? `${parts} (${t('suggestVague')})` : parts;
    }
    case 'percent':
      return typeof value.number === 'number' ? `${number(value.number)}\u00a0%` : '';
    case 'money':
      return typeof value.number === 'number' ? `${number(value.number)} ${value.currency ?? ''}`.trim() : '';
    case 'date':
      return value.date
        ? `${dateWords(value.date, value.granularity)}${value.granularity ? ` (${t(`suggestGranularity_${value.granularity}` as Key)})` : ''}`
        : '';
    case 'duration':
      return value.iso ? `${durationWords(value.iso)} (${value.iso})` : '';
    case 'attribution':
      return value.speaker ?? '';
    default:
      return '';
  }
}

/**
 * Who says suggestion `index`, as the claim made of it would name them: an attribution's speaker;
 * a quote's linked attribution's; for anything else the speaker of the quote holding it, else of
 * an attribution in its sentence that is not another quote's.
 */
export function speakerOf(list: readonly Suggestion[], index: number): string {
  const s = list[index];
  if (!s) return '';
  const speaker = (a: Suggestion | undefined) => (a?.type === 'attribution' ? a.value.speaker ?? '' : '');
  if (s.type === 'attribution') return speaker(s);
  if (s.type === 'quote') return speaker(s.linked_to !== null ? list[s.linked_to] : undefined);
  const quote = list.find((q) => q.type === 'quote' && q.start <= s.start && s.end <= q.end && q.linked_to !== null);
  if (quote) return speaker(list[quote.linked_to as number]);
  const near = list.find(
    (a) => a.type === 'attribution' && a.linked_to === null && a.sentence_start === s.sentence_start && a.sentence_end === s.sentence_end,
  );
  return speaker(near);
}

/** The suggestions layer of the reader: the toggle and counts above the text, and the card. */
export class Suggestions {
  list: Suggestion[] = [];
  private on: boolean;
  private open: number | null = null;
  private token = 0;
  private busy = false;

  readonly toggle = el('button', {
    id: 'suggestions-toggle',
    type: 'button',
    class: 'suggestions-toggle',
    'data-i18n': 'suggestionsToggle',
    'data-i18n-title': 'suggestionsToggleTitle',
  });
  private readonly summary = el('span', { id: 'suggestions-summary', class: 'suggestions-summary', 'aria-live': 'polite' });
  private readonly restore = el('button', { id: 'suggestions-restore', type: 'button', class: 'link', hidden: true, 'data-i18n': 'suggestionsRestore' });
  readonly bar = el('div', { id: 'suggestions-bar', class: 'suggestions-bar', hidden: true }, this.toggle, this.summary, this.restore);

  private readonly cardType = el('strong', { class: 'suggestion-type' });
  private readonly cardBody = el('dl', { class: 'suggestion-facts' });
  private readonly acceptButton = el('button', { id: 'suggestion-accept', type: 'button', class: 'primary', 'data-i18n': 'suggestAccept', 'data-i18n-title': 'suggestAcceptTitle' });
  private readonly dismissButton = el('button', { id: 'suggestion-dismiss', type: 'button', 'data-i18n': 'suggestDismiss', 'data-i18n-title': 'suggestDismissTitle' });
  private readonly closeButton = el('button', { type: 'button', class: 'icon-button suggestion-close', 'data-i18n-title': 'close', 'data-i18n-aria-label': 'close' }, '×');
  readonly card = el(
    'div',
    { id: 'suggestion-card', class: 'suggestion-card', role: 'dialog', hidden: true, 'data-i18n-aria-label': 'suggestionCard' },
    el('div', { class: 'suggestion-head' }, this.cardType, this.closeButton),
    this.cardBody,
    el('div', { class: 'suggestion-actions' }, this.acceptButton, this.dismissButton),
  );

  constructor(private readonly host: SuggestionHost) {
    this.on = storage()?.getItem(STORAGE_KEY) !== 'off';
    this.toggle.setAttribute('aria-pressed', String(this.on));
    this.toggle.addEventListener('click', () => void this.setOn(!this.on));
    this.restore.addEventListener('click', () => void this.restoreDismissed());
    this.acceptButton.addEventListener('click', () => void this.accept());
    this.dismissButton.addEventListener('click', () => void this.dismiss());
    this.closeButton.addEventListener('click', () => this.close());
    this.card.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        event.stopPropagation();
        void this.dismiss();
      }
    });
  }

  get shown(): boolean {
    return this.on;
  }

  get isOpen(): boolean {
    return this.open !== null;
  }

  /** Switches the underlines on or off (remembered on this computer). */
  async setOn(on: boolean): Promise<void> {
    this.on = on;
    this.toggle.setAttribute('aria-pressed', String(on));
    try {
      storage()?.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      /* not remembered; fine */
    }
    await this.load();
  }

  /** Lists the open article's suggestions again (when shown) and underlines the pending ones. */
  async load(): Promise<void> {
    const token = ++this.token;
    const id = this.host.articleId();
    this.close();
    this.bar.hidden = id === null;
    if (!id || !this.on || this.host.readOnly()) {
      this.list = [];
      this.render();
      return;
    }
    try {
      const list = await api.listSuggestions(id);
      if (token !== this.token || this.host.articleId() !== id) return;
      this.list = Array.isArray(list) ? list : [];
    } catch (error) {
      if (token !== this.token) return;
      this.list = [];
      this.host.error(t('suggestionsFailed', { message: errorMessage(error) }));
    }
    this.render();
  }

  private render(): void {
    const pendingOnes = this.list.map((s, index) => ({ s, index })).filter(({ s }) => pending(s));
    const dismissed = this.list.filter((s) => s.dismissed_by !== null).length;
    if (!this.on) setText(this.summary, '');
    else if (this.host.readOnly()) setText(this.summary, t('suggestionsOldVersion'));
    else {
      const count = pendingOnes.length ? plural(pendingOnes.length, 'suggestionsCountOne', 'suggestionsCountMany') : t('suggestionsNone');
      setText(this.summary, dismissed ? `${count} · ${plural(dismissed, 'suggestionsDismissedOne', 'suggestionsDismissedMany')}` : count);
    }
    this.restore.hidden = !this.on || dismissed === 0;
    this.host.underline(pendingOnes.map(({ s, index }) => ({ index, start: s.start, end: s.end })));
  }

  /** Opens the card of suggestion `index` beside its underline. */
  openCard(index: number, focus = true): void {
    const s = this.list[index];
    if (!s || !pending(s)) return;
    this.open = index;
    setText(this.cardType, t(`suggestType_${s.type}` as Key));
    const facts: Node[] = [];
    const fact = (label: Key, value: string) => {
      if (value) facts.push(el('dt', null, t(label)), el('dd', null, value));
    };
    if (s.type !== 'attribution') fact('suggestValue', describeValue(s.type, s.value));
    fact('suggestSpeaker', speakerOf(this.list, index));
    replace(this.cardBody, ...facts, el('p', { class: 'suggestion-score' }, t('suggestScore', { n: Math.round(s.score * 100) })));
    this.card.hidden = false;
    for (const mark of this.host.marks(index)) mark.classList.add('suggestion-open');
    const first = this.host.marks(index)[0];
    if (first) {
      if (typeof first.scrollIntoView === 'function') first.scrollIntoView({ block: 'nearest' });
      this.place(first);
    }
    if (focus) this.acceptButton.focus();
  }

  private place(near: HTMLElement): void {
    const view = near.ownerDocument.defaultView;
    const rect = near.getBoundingClientRect();
    const width = this.card.offsetWidth || 320;
    const height = this.card.offsetHeight || 160;
    const left = Math.max(8, Math.min(rect.left, (view?.innerWidth ?? 1024) - width - 8));
    let top = rect.bottom + 6;
    if (top + height > (view?.innerHeight ?? 700) - 8) top = Math.max(8, rect.top - height - 6);
    this.card.style.left = `${Math.round(left)}px`;
    this.card.style.top = `${Math.round(top)}px`;
  }

  close(): void {
    if (this.open !== null) for (const mark of this.host.marks(this.open)) mark.classList.remove('suggestion-open');
    this.open = null;
    this.card.hidden = true;
  }

  /** Opens the next (or previous) pending suggestion after the one open, in text order. */
  step(delta: 1 | -1): boolean {
    const order = this.list.map((s, index) => ({ s, index })).filter(({ s }) => pending(s)).map(({ index }) => index);
    if (!order.length) return false;
    const at = this.open === null ? -1 : order.indexOf(this.open);
    const next = at < 0 ? (delta > 0 ? order[0] : order[order.length - 1]) : order[(at + delta + order.length) % order.length];
    this.close();
    this.openCard(next);
    return true;
  }

  /** Makes a claim of the suggestion open. */
  async accept(): Promise<void> {
    const index = this.open;
    if (index === null) return;
    const s = this.list[index];
    await this.act(async (id) => {
      const claim = await api.acceptSuggestion(id, keyOf(s));
      this.close();
      this.host.accepted(claim, s);
    });
  }

  /** Dismisses the suggestion open (and its linked quote or attribution) for this article. */
  async dismiss(): Promise<void> {
    const index = this.open;
    if (index === null) return;
    await this.act(async (id) => {
      await api.dismissSuggestion(id, keyOf(this.list[index]));
      this.close();
    });
  }

  /** Shows every dismissed suggestion of the article again. */
  async restoreDismissed(): Promise<void> {
    await this.act(async (id) => {
      for (const s of this.list.filter((x) => x.dismissed_by !== null)) await api.restoreSuggestion(id, keyOf(s));
    });
  }

  /** Runs one decision on the open article's suggestions (one at a time), then lists them again;
   * a refusal is shown and the list stays as it was. */
  private async act(decide: (articleId: string) => Promise<void>): Promise<void> {
    const id = this.host.articleId();
    if (!id || this.busy) return;
    this.busy = true;
    try {
      await decide(id);
      await this.load();
    } catch (error) {
      this.host.error(errorMessage(error));
    } finally {
      this.busy = false;
    }
  }
}
