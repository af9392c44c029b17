// The claims column: the list of the article's claims, the editor of the selected one, and the
// save queue that stores every edit as it is made.
import * as api from './api';
import type { Claim, ClaimFields, Rating, Session, Status } from './api';
import { el, errorMessage, replace, setText } from './dom';
import { onVersion } from './highlight';
import { ClaimHistory, type HistoryLoader } from './history';
import { formatTimestamp, ratingLabel, statusLabel, t } from './i18n';
import { truncateCp } from './offsets';

// ---------------------------------------------------------------------------------------------
// Save queue

export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; message: string };

export interface SaveHooks {
  /** The host stored `sent` and answered with the claim as it now is. */
  onSaved?(claim: Claim, sent: ClaimFields): void;
  /** The host refused `sent` with `message`. */
  onError?(id: string, sent: ClaimFields, message: string): void;
  onState?(id: string, state: SaveState): void;
}

export type Sender = (id: string, fields: ClaimFields) => Promise<Claim>;

/**
 * Saves claim edits as they are made. Per claim, at most one update_claim request is in flight;
 * edits made meanwhile are coalesced (the latest value of each field wins) and sent together as
 * soon as the request in flight settles. Nothing is delayed on purpose, so closing the window
 * right after a keystroke loses nothing that had been handed to the host.
 *
 * When a request fails, its text fields (claimant, note, verdict) are kept and sent again with
 * the claim's next request (or on retry()), unless a newer value was typed meanwhile; a refused
 * status is dropped (the UI puts the stored status back).
 */
export class SaveQueue {
  private pending = new Map<string, ClaimFields>();
  private failed = new Map<string, ClaimFields>();
  private running = new Map<string, Promise<void>>();
  private states = new Map<string, SaveState>();

  constructor(
    private readonly hooks: SaveHooks = {},
    private readonly send: Sender = (id, fields) => api.updateClaim(id, fields),
  ) {}

  enqueue(id: string, fields: ClaimFields): void {
    this.pending.set(id, { ...this.pending.get(id), ...fields });
    this.setState(id, { kind: 'saving' });
    if (!this.running.has(id)) this.running.set(id, this.pump(id));
  }

  /** Sends again the fields whose last save failed. */
  retry(id: string): void {
    if (this.failed.has(id)) this.enqueue(id, {});
  }

  state(id: string): SaveState {
    return this.states.get(id) ?? { kind: 'saved' };
  }

  /** True while something for claim `id` (or, without id, for any claim) is unsaved. */
  busy(id?: string): boolean {
    return id === undefined ? this.running.size > 0 : this.running.has(id);
  }

  hasFailed(id: string): boolean {
    return this.failed.has(id);
  }

  /** True when a value of `field` for claim `id` waits to be sent. */
  hasPending(id: string, field: keyof ClaimFields): boolean {
    return this.pending.get(id)?.[field] !== undefined;
  }

  /** Resolves once nothing is in flight or waiting (for one claim, or for all). */
  async idle(id?: string): Promise<void> {
    for (;;) {
      const waits = id === undefined ? [...this.running.values()] : [this.running.get(id)].filter(Boolean);
      if (!waits.length) return;
      await Promise.all(waits);
    }
  }

  private setState(id: string, state: SaveState): void {
    this.states.set(id, state);
    this.hooks.onState?.(id, state);
  }

  private async pump(id: string): Promise<void> {
    try {
      while (this.pending.has(id)) {
        const fields: ClaimFields = { ...this.failed.get(id), ...this.pending.get(id) };
        this.pending.delete(id);
        this.failed.delete(id);
        try {
          const claim = await this.send(id, fields);
          this.hooks.onSaved?.(claim, fields);
          if (!this.pending.has(id)) this.setState(id, { kind: 'saved' });
        } catch (error) {
          const message = errorMessage(error);
          const keep: ClaimFields = { ...fields };
          delete keep.status;
          if (Object.keys(keep).length) this.failed.set(id, keep);
          this.hooks.onError?.(id, fields, message);
          this.setState(id, { kind: 'error', message });
        }
      }
    } finally {
      this.running.delete(id);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Claims panel

/** Text order: by start, outer (longer) claims before the ones nested in them, then creation. */
export function sortClaims(claims: readonly Claim[]): Claim[] {
  return [...claims].sort(
    (a, b) => a.start - b.start || b.end - a.end || (a.created < b.created ? -1 : a.created > b.created ? 1 : 0),
  );
}

/** Claims on earlier versions: the latest version first, then text order. */
export function sortEarlier(claims: readonly Claim[]): Claim[] {
  const byVersion = (a: Claim, b: Claim) => (b.version ?? 0) - (a.version ?? 0);
  return sortClaims(claims).sort(byVersion);
}

export interface PanelHost {
  session(): Session | null;
  /** The selected claim changed; `reveal` asks to scroll its highlight into view. */
  selected(id: string | null, reveal: boolean): void;
  /** The host stored a new version of a claim. */
  changed(claim: Claim): void;
  /** The host refused an action whose effect was undone on screen (a status change). */
  refused(message: string): void;
}

type Drafted = 'claimant' | 'note' | 'verdict';
const DRAFTED: readonly Drafted[] = ['claimant', 'note', 'verdict'];

export const NO_VERDICT_COLOUR = '#7a8088';

export function ratingOf(session: Session | null, verdict: string | null): Rating | null {
  if (!session || !verdict) return null;
  return session.scale.ratings.find((r) => r.key === verdict) ?? null;
}

export class ClaimsPanel {
  readonly list: HTMLUListElement;
  readonly editor: HTMLElement;
  readonly queue: SaveQueue;
  /** The selected claim's history, under the editor's fields. */
  readonly history: ClaimHistory;
  claims: Claim[] = [];
  selectedId: string | null = null;
  /** The version of the article shown; claims on other versions are listed apart. */
  version: number | null = null;

  /** What the reviewer typed that the host has not confirmed yet: never overwritten. */
  private drafts = new Map<string, Partial<Record<Drafted, string>>>();
  /** Claims whose history is asked for again once their saves are all done. */
  private historyAfterSaves = new Set<string>();

  private readonly emptyNote: HTMLElement;
  private readonly body: HTMLElement;
  private readonly prefixEl: HTMLElement;
  private readonly quoteEl: HTMLElement;
  private readonly suffixEl: HTMLElement;
  private readonly claimant: HTMLInputElement;
  private readonly verdict: HTMLSelectElement;
  private readonly verdictChip: HTMLElement;
  private readonly status: HTMLSelectElement;
  private readonly note: HTMLTextAreaElement;
  private readonly saveState: HTMLElement;
  private readonly retry: HTMLButtonElement;
  private readonly meta: HTMLElement;
  private readonly versionNote: HTMLElement;

  constructor(private readonly host: PanelHost, send?: Sender, loadHistory?: HistoryLoader) {
    this.queue = new SaveQueue(
      {
        onSaved: (claim, sent) => this.saved(claim, sent),
        onError: (id, sent, message) => this.failed(id, sent, message),
        onState: (id) => {
          if (id === this.selectedId) this.showSaveState();
        },
      },
      send,
    );

    this.list = el('ul', { id: 'claims', class: 'claim-list', 'data-i18n-aria-label': 'claimsHeading' });
    this.list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('li[data-claim-id]');
      if (item && this.list.contains(item)) this.select(item.dataset.claimId ?? null, true);
    });

    this.emptyNote = el('p', { class: 'hint', 'data-i18n': 'editorEmpty' });
    this.prefixEl = el('span', { class: 'context' });
    this.quoteEl = el('span', { class: 'quote' });
    this.suffixEl = el('span', { class: 'context' });
    this.claimant = el('input', {
      id: 'claim-claimant',
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-i18n-placeholder': 'claimantPlaceholder',
    });
    this.verdict = el('select', { id: 'claim-verdict' });
    this.verdictChip = el('span', { class: 'chip', 'aria-hidden': 'true' });
    this.status = el('select', { id: 'claim-status' });
    this.note = el('textarea', { id: 'claim-note', rows: 5, 'data-i18n-placeholder': 'notePlaceholder' });
    this.saveState = el('span', { id: 'save-state', role: 'status', 'aria-live': 'polite' });
    this.retry = el('button', { id: 'save-retry', type: 'button', class: 'link', hidden: true, 'data-i18n': 'retry' });
    this.meta = el('p', { class: 'claim-meta' });
    this.history = new ClaimHistory(() => this.host.session(), loadHistory);
    this.versionNote = el('p', { id: 'claim-version-note', class: 'claim-version-note', hidden: true });

    this.claimant.addEventListener('input', () => this.edit('claimant', this.claimant.value));
    this.note.addEventListener('input', () => this.edit('note', this.note.value));
    this.verdict.addEventListener('change', () => {
      this.edit('verdict', this.verdict.value);
      this.paintChip(this.verdict.value || null);
    });
    this.status.addEventListener('change', () => {
      if (this.selectedId) this.queue.enqueue(this.selectedId, { status: this.status.value as Status });
    });
    this.retry.addEventListener('click', () => {
      if (this.selectedId) this.queue.retry(this.selectedId);
    });

    const field = (id: string, key: 'claimant' | 'verdict' | 'status' | 'note', ...controls: Node[]) =>
      el('div', { class: 'field' }, el('label', { for: id, 'data-i18n': key }), ...controls);

    this.body = el(
      'div',
      { class: 'editor-body', hidden: true },
      this.versionNote,
      el('blockquote', { class: 'claim-context' }, this.prefixEl, this.quoteEl, this.suffixEl),
      field('claim-claimant', 'claimant', this.claimant),
      field('claim-verdict', 'verdict', el('div', { class: 'with-chip' }, this.verdictChip, this.verdict)),
      field('claim-status', 'status', this.status),
      field('claim-note', 'note', this.note),
      el('div', { class: 'save-row' }, this.saveState, this.retry),
      this.meta,
      this.history.root,
    );
    this.editor = el(
      'section',
      { id: 'claim-editor', class: 'claim-editor' },
      el('h2', { 'data-i18n': 'editorHeading' }),
      this.emptyNote,
      this.body,
    );
  }

  /** Shows the claims of a newly opened article, whose text shown is version `version`. */
  setClaims(claims: readonly Claim[], version: number | null = null): void {
    this.version = version;
    this.claims = sortClaims(claims);
    this.selectedId = null;
    this.renderList();
    this.fillEditor();
  }

  /** Adds a claim the host just created. */
  add(claim: Claim): void {
    this.claims = sortClaims([...this.claims.filter((c) => c.id !== claim.id), claim]);
    this.renderList();
  }

  /** True when the claim refers to the text shown (and so is drawn on it). */
  isCurrent(claim: Claim): boolean {
    return onVersion(claim, this.version);
  }

  get(id: string | null): Claim | undefined {
    return id === null ? undefined : this.claims.find((c) => c.id === id);
  }

  select(id: string | null, reveal = false): void {
    if (id !== null && !this.get(id)) id = null;
    const changed = id !== this.selectedId;
    this.selectedId = id;
    for (const item of Array.from(this.list.querySelectorAll<HTMLElement>('li[data-claim-id]'))) {
      const on = item.dataset.claimId === id;
      item.classList.toggle('selected', on);
      if (on) item.setAttribute('aria-current', 'true');
      else item.removeAttribute('aria-current');
    }
    if (changed) this.fillEditor();
    this.host.selected(id, reveal);
    if (reveal && id) {
      const item = this.itemOf(id);
      if (item && typeof item.scrollIntoView === 'function') item.scrollIntoView({ block: 'nearest' });
    }
  }

  focusClaimant(): void {
    this.claimant.focus();
  }

  /** Re-renders everything language-dependent (the static labels are done by applyI18n). */
  applyLang(): void {
    this.renderList();
    if (this.selectedId) {
      const claim = this.get(this.selectedId);
      if (claim) {
        this.fillVerdictOptions(this.verdict.value || null);
        this.fillStatusOptions(this.queue.hasPending(claim.id, 'status') ? (this.status.value as Status) : claim.status);
        this.showMeta(claim);
        this.showVersionNote(claim);
      }
    }
    this.showSaveState();
    this.history.applyLang();
  }

  // --- list ---------------------------------------------------------------------------------

  private renderList(): void {
    const current = this.claims.filter((c) => this.isCurrent(c));
    const earlier = this.claims.filter((c) => !this.isCurrent(c));
    const items: Node[] = current.length
      ? current.map((c) => this.item(c))
      : [el('li', { class: 'empty hint' }, t(earlier.length ? 'claimsEmptyVersion' : 'claimsEmpty'))];
    if (earlier.length) {
      items.push(
        el(
          'li',
          { id: 'claims-earlier', class: 'claim-group' },
          el('h3', { id: 'claims-earlier-heading', class: 'claim-group-heading' }, t('claimsEarlier')),
          el(
            'ul',
            { class: 'claim-sublist', 'aria-labelledby': 'claims-earlier-heading' },
            ...sortEarlier(earlier).map((c) => this.item(c)),
          ),
        ),
      );
    }
    replace(this.list, ...items);
  }

  private itemOf(id: string): HTMLElement | undefined {
    return Array.from(this.list.querySelectorAll<HTMLElement>('li[data-claim-id]')).find(
      (li) => li.dataset.claimId === id,
    );
  }

  private item(claim: Claim): HTMLLIElement {
    const rating = ratingOf(this.host.session(), claim.verdict);
    const chip = el('span', { class: 'chip', 'aria-hidden': 'true' });
    chip.style.setProperty('--chip', rating?.colour ?? NO_VERDICT_COLOUR);
    const selected = claim.id === this.selectedId;
    const earlier = !this.isCurrent(claim);
    return el(
      'li',
      {
        'data-claim-id': claim.id,
        'data-version': claim.version,
        class: `claim-item${earlier ? ' earlier' : ''}${selected ? ' selected' : ''}`,
        'aria-current': selected ? 'true' : null,
      },
      el(
        'button',
        { type: 'button', class: 'claim-button' },
        el('span', { class: 'claim-quote' }, t('quoted', { text: truncateCp(claim.quote.replace(/\s+/g, ' '), 110) })),
        el(
          'span',
          { class: 'claim-tags' },
          el(
            'span',
            { class: rating ? 'verdict-tag' : 'verdict-tag none' },
            chip,
            rating ? ratingLabel(rating) : claim.verdict ?? t('noVerdictShort'),
          ),
          el('span', { class: `status-tag status-${claim.status}` }, statusLabel(claim.status)),
          earlier ? el('span', { class: 'version-tag' }, t('claimVersion', { n: claim.version })) : null,
        ),
      ),
    );
  }

  // --- editor -------------------------------------------------------------------------------

  private fillEditor(): void {
    const claim = this.get(this.selectedId);
    this.body.hidden = !claim;
    this.emptyNote.hidden = !!claim;
    this.history.show(claim?.id ?? null);
    if (!claim) return;
    const draft = this.drafts.get(claim.id) ?? {};
    setText(this.prefixEl, claim.prefix ? `…${claim.prefix}` : '');
    setText(this.quoteEl, claim.quote);
    setText(this.suffixEl, claim.suffix ? `${claim.suffix}…` : '');
    this.claimant.value = draft.claimant ?? claim.claimant ?? '';
    this.note.value = draft.note ?? claim.note ?? '';
    const verdict = draft.verdict ?? claim.verdict ?? '';
    this.fillVerdictOptions(verdict || null);
    this.paintChip(verdict || null);
    this.fillStatusOptions(claim.status);
    this.showSaveState();
    this.showMeta(claim);
    this.showVersionNote(claim);
  }

  private showVersionNote(claim: Claim): void {
    const earlier = !this.isCurrent(claim);
    this.versionNote.hidden = !earlier;
    setText(this.versionNote, earlier ? t('claimOnEarlierVersion', { n: claim.version }) : '');
  }

  private fillVerdictOptions(value: string | null): void {
    const ratings = this.host.session()?.scale.ratings ?? [];
    const options = [el('option', { value: '' }, t('noVerdict'))];
    for (const r of ratings) options.push(el('option', { value: r.key }, ratingLabel(r)));
    if (value && !ratings.some((r) => r.key === value)) options.push(el('option', { value }, value));
    replace(this.verdict, ...options);
    this.verdict.value = value ?? '';
  }

  private fillStatusOptions(current: Status): void {
    const next = this.host.session()?.transitions[current] ?? [];
    const statuses = [current, ...next.filter((s) => s !== current)];
    replace(this.status, ...statuses.map((s) => el('option', { value: s }, statusLabel(s))));
    this.status.value = current;
  }

  private paintChip(verdict: string | null): void {
    const rating = ratingOf(this.host.session(), verdict);
    this.verdictChip.style.setProperty('--chip', rating?.colour ?? NO_VERDICT_COLOUR);
  }

  private showMeta(claim: Claim): void {
    setText(
      this.meta,
      t('claimMeta', {
        reviewer: claim.reviewer,
        modifiedBy: claim.modified_by,
        modified: formatTimestamp(claim.modified),
      }),
    );
  }

  private showSaveState(): void {
    const id = this.selectedId;
    if (!id) return;
    const state = this.queue.state(id);
    this.saveState.className = `save-state ${state.kind}`;
    setText(
      this.saveState,
      state.kind === 'saved' ? t('saved') : state.kind === 'saving' ? t('saving') : t('saveFailed', { message: state.message }),
    );
    this.retry.hidden = !(state.kind === 'error' && this.queue.hasFailed(id));
  }

  private edit(field: Drafted, value: string): void {
    const id = this.selectedId;
    if (!id) return;
    this.drafts.set(id, { ...this.drafts.get(id), [field]: value });
    this.queue.enqueue(id, { [field]: value });
  }

  // --- save results -------------------------------------------------------------------------

  private saved(claim: Claim, sent: ClaimFields): void {
    const at = this.claims.findIndex((c) => c.id === claim.id);
    if (at >= 0) this.claims[at] = claim;
    const draft = this.drafts.get(claim.id);
    if (draft) {
      for (const f of DRAFTED) if (sent[f] !== undefined && draft[f] === sent[f]) delete draft[f];
      if (!Object.keys(draft).length) this.drafts.delete(claim.id);
    }
    if (at < 0) return;
    this.refreshHistoryWhenSaved(claim.id);
    this.itemOf(claim.id)?.replaceWith(this.item(claim));
    if (claim.id === this.selectedId) {
      if (sent.status !== undefined && !this.queue.hasPending(claim.id, 'status')) {
        this.fillStatusOptions(claim.status);
      }
      this.showMeta(claim);
    }
    this.host.changed(claim);
  }

  /** Asks for the claim's history again once nothing is left to save for it (not per edit). */
  private refreshHistoryWhenSaved(id: string): void {
    if (this.historyAfterSaves.has(id)) return;
    this.historyAfterSaves.add(id);
    void this.queue.idle(id).then(() => {
      this.historyAfterSaves.delete(id);
      if (id === this.selectedId) this.history.refresh(id);
    });
  }

  private failed(id: string, sent: ClaimFields, message: string): void {
    if (sent.status === undefined) return;
    const claim = this.get(id);
    if (claim && id === this.selectedId && !this.queue.hasPending(id, 'status')) {
      this.fillStatusOptions(claim.status);
    }
    this.host.refused(message);
  }
}
