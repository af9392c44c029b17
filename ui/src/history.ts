// The selected claim's history in the editor (#claim-history): who changed which field when,
// newest first, loaded from the host on demand.
import * as api from './api';
import type { HistoryEntry, Session, Status } from './api';
import { el, errorMessage, replace, setText } from './dom';
import { dictionaries, formatTimestamp, plural, ratingLabel, statusLabel, t, type Key } from './i18n';
import { truncateCp } from './offsets';

/** Longest value (in code points) shown in full; longer ones are cut, the full text in a title. */
export const HISTORY_VALUE_MAX = 80;
export const EMPTY_VALUE = '—';

const FIELD_KEYS: Record<string, Key> = {
  claimant: 'claimant',
  verdict: 'verdict',
  status: 'status',
  note: 'note',
  statement: 'fieldStatement',
  type: 'claimType',
  claimant_role: 'claimantRole',
  claimant_url: 'claimantUrl',
  rationale: 'rationale',
  assignee: 'assignee',
  tags: 'tags',
  evidence: 'evidence',
  reviews: 'fieldReviews',
  version: 'fieldVersion',
  quote: 'fieldQuote',
  anchor_state: 'fieldAnchorState',
  kept_on_version: 'fieldKept',
};

const ANCHOR_STATES = ['anchored', 'moved', 'changed', 'orphaned'];

/** The fields whose values tell the verdict: hidden from a reviewer who has to give theirs blind. */
export const VERDICT_FIELDS: readonly string[] = ['verdict', 'rationale', 'reviews'];

/** The label of a claim field in the UI language; a field this UI does not know by its key. */
export function fieldLabel(field: string): string {
  const key = Object.prototype.hasOwnProperty.call(FIELD_KEYS, field) ? FIELD_KEYS[field] : undefined;
  return key ? t(key) : field;
}

/** A value as shown in the history: `full` is set when `text` is a shortened form of it. */
export interface ShownValue {
  text: string;
  empty: boolean;
  full?: string;
}

/** A field's value in words: verdicts and statuses by their labels, "—" for nothing. */
export function historyValue(field: string, value: string | null, session: Session | null): ShownValue {
  if (value == null || !value.trim()) return { text: EMPTY_VALUE, empty: true };
  if (field === 'verdict') {
    const rating = session?.scale.ratings.find((r) => r.key === value);
    return { text: rating ? ratingLabel(rating) : value, empty: false };
  }
  if (field === 'status') return { text: statusLabel(value as Status), empty: false };
  if (field === 'anchor_state' && ANCHOR_STATES.includes(value)) {
    return { text: t(`anchor_${value}` as Key), empty: false };
  }
  if (field === 'kept_on_version' && (value === 'true' || value === 'false')) {
    return { text: t(value === 'true' ? 'yes' : 'no'), empty: false };
  }
  if (field === 'version' && /^\d+$/.test(value)) return { text: t('claimVersion', { n: value }), empty: false };
  if (field === 'type' && /^[a-z_]+$/.test(value) && `type_${value}` in dictionaries.en) {
    return { text: t(`type_${value}` as Key), empty: false };
  }
  if (field === 'reviews') {
    // "Name: verdict_key": the verdict by its label.
    const at = value.lastIndexOf(': ');
    if (at > 0) {
      const key = value.slice(at + 2);
      const rating = session?.scale.ratings.find((r) => r.key === key);
      return { text: `${value.slice(0, at)}: ${rating ? ratingLabel(rating) : key}`, empty: false };
    }
  }
  const collapsed = value.replace(/\s+/g, ' ').trim();
  const text = truncateCp(collapsed, HISTORY_VALUE_MAX);
  return text === collapsed ? { text, empty: false } : { text, empty: false, full: value };
}

/** The entries newest first (the host lists them oldest first; ties keep that order reversed). */
export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const time = (e: HistoryEntry) => {
    const ms = Date.parse(e.at);
    return Number.isNaN(ms) ? null : ms;
  };
  return entries
    .map((entry, index) => ({ entry, index, ms: time(entry) }))
    .sort((a, b) => (a.ms !== null && b.ms !== null && a.ms !== b.ms ? b.ms - a.ms : b.index - a.index))
    .map((x) => x.entry);
}

export type HistoryLoader = (id: string) => Promise<HistoryEntry[]>;

export class ClaimHistory {
  readonly root: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly errorLine: HTMLElement;
  private readonly list: HTMLUListElement;

  /** The claim whose history is shown. */
  private id: string | null = null;
  /** Its entries as the host last sent them; null until they arrive. */
  private entries: HistoryEntry[] | null = null;
  private error: string | null = null;
  /** One request at most per claim. */
  private inFlight = new Map<string, Promise<void>>();
  /** Claims changed while their request was in flight: asked again once it settles. */
  private stale = new Set<string>();
  /** The verdicts are hidden (the acting reviewer reviews this claim blind). */
  private masked = false;

  constructor(
    private readonly session: () => Session | null,
    private readonly load: HistoryLoader = (id) => api.claimHistory(id),
  ) {
    this.summary = el('summary', { id: 'claim-history-summary' });
    this.statusLine = el('p', { class: 'history-status hint', hidden: true });
    this.errorLine = el('p', { id: 'claim-history-error', class: 'history-error', hidden: true });
    this.list = el('ul', { id: 'claim-history-list', class: 'history-list' });
    this.root = el(
      'details',
      { id: 'claim-history', class: 'claim-history' },
      this.summary,
      this.errorLine,
      this.statusLine,
      this.list,
    );
    this.root.addEventListener('toggle', () => {
      if (this.root.open && this.id) this.request(this.id);
    });
    this.render();
  }

  /** Shows the history of claim `id` (none for null), asking the host for it. */
  show(id: string | null): void {
    if (id !== this.id) {
      this.id = id;
      this.entries = null;
      this.error = null;
    }
    if (id) this.request(id);
    this.render();
  }

  /** Claim `id` changed: asks again for its history if it is the one shown. */
  refresh(id: string): void {
    if (id !== this.id) return;
    if (this.inFlight.has(id)) this.stale.add(id);
    else this.request(id);
  }

  /** Settles once no request is in flight (for tests and callers that must wait). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight.values()]);
  }

  applyLang(): void {
    this.render();
  }

  /** Hides (or shows again) the values of the fields that tell the verdict. */
  setMasked(masked: boolean): void {
    if (masked === this.masked) return;
    this.masked = masked;
    this.render();
  }

  private request(id: string): void {
    if (this.inFlight.has(id)) return;
    let reply: Promise<HistoryEntry[]>;
    try {
      reply = Promise.resolve(this.load(id));
    } catch (error) {
      reply = Promise.reject(error);
    }
    const done = reply
      .then(
        (entries) => {
          if (id !== this.id) return;
          this.entries = Array.isArray(entries) ? entries : [];
          this.error = null;
        },
        (error: unknown) => {
          if (id !== this.id) return;
          this.error = errorMessage(error);
        },
      )
      .finally(() => {
        this.inFlight.delete(id);
        if (this.stale.delete(id) && id === this.id) this.request(id);
        else if (id === this.id) this.render();
      });
    this.inFlight.set(id, done);
    this.render();
  }

  private render(): void {
    const id = this.id;
    const entries = this.entries;
    setText(
      this.summary,
      entries ? plural(entries.length, 'historyCountOne', 'historyCountMany') : t('history'),
    );
    this.errorLine.hidden = this.error === null;
    setText(this.errorLine, this.error === null ? '' : t('historyFailed', { message: this.error }));
    const status = entries
      ? entries.length
        ? null
        : t('historyEmpty')
      : id && this.inFlight.has(id)
        ? t('loading')
        : null;
    this.statusLine.hidden = status === null;
    setText(this.statusLine, status ?? '');
    this.root.setAttribute('aria-busy', id && this.inFlight.has(id) ? 'true' : 'false');
    replace(this.list, ...(entries ? newestFirst(entries).map((e) => this.item(e)) : []));
  }

  private item(entry: HistoryEntry): HTMLLIElement {
    const session = this.session();
    const hidden = this.masked && VERDICT_FIELDS.includes(entry.field);
    const value = (v: string | null, kind: 'old' | 'new') => {
      const shown: ShownValue =
        hidden && v !== null && v.trim() ? { text: t('verdictHiddenShort'), empty: false } : historyValue(entry.field, v, session);
      return el(
        'span',
        { class: `history-${kind}${shown.empty ? ' empty' : ''}`, title: shown.full ?? null },
        shown.text,
      );
    };
    return el(
      'li',
      { class: hidden ? 'history-entry masked' : 'history-entry', 'data-field': entry.field },
      el(
        'div',
        { class: 'history-head' },
        el('time', { class: 'history-at', datetime: entry.at }, formatTimestamp(entry.at)),
        el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
        el('span', { class: 'history-reviewer' }, entry.reviewer),
      ),
      el(
        'div',
        { class: 'history-change' },
        el('span', { class: 'history-field' }, t('historyField', { field: fieldLabel(entry.field) })),
        ' ',
        value(entry.old, 'old'),
        el('span', { class: 'history-arrow' }, ' → '),
        value(entry.new, 'new'),
      ),
    );
  }
}
