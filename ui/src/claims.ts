// The claims column: the list of the article's claims, the editor of the selected one, and the
// save queue that stores every edit as it is made.
import * as api from './api';
import type { Claim, ClaimFields, ClaimType, Evidence, Rating, Session, Status } from './api';
import { el, errorMessage, replace, setText } from './dom';
import { onVersion } from './highlight';
import { ClaimHistory, type HistoryLoader } from './history';
import { formatDate, formatTimestamp, ratingLabel, statusLabel, t, type Key } from './i18n';
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

/** One request waiting to be sent: coalesced field edits, or an action sent on its own. */
interface Step {
  fields: ClaimFields;
  action?: { resolve(claim: Claim): void; reject(error: unknown): void };
}

/**
 * Saves claim edits as they are made. Per claim, at most one update_claim request is in flight;
 * edits made meanwhile are coalesced (the latest value of each field wins) and sent together as
 * soon as the request in flight settles. Nothing is delayed on purpose, so closing the window
 * right after a keystroke loses nothing that had been handed to the host.
 *
 * Actions (act(): adding a tag or a source, a URL the host may refuse) are never coalesced:
 * each is sent alone, in the order it was asked for relative to the edits around it, and
 * carries none of the failed fields along.
 *
 * When a request fails, its text fields (claimant, note, verdict…) are kept and sent again with
 * the claim's next edit request (or on retry()), unless a newer value was typed meanwhile; a
 * refused status is dropped (the UI puts the stored status back). A refused action is dropped:
 * its promise rejects and the caller keeps what was typed.
 */
export class SaveQueue {
  private pending = new Map<string, Step[]>();
  private failed = new Map<string, ClaimFields>();
  private failedMessage = new Map<string, string>();
  private running = new Map<string, Promise<void>>();
  private states = new Map<string, SaveState>();

  constructor(
    private readonly hooks: SaveHooks = {},
    private readonly send: Sender = (id, fields) => api.updateClaim(id, fields),
  ) {}

  enqueue(id: string, fields: ClaimFields): void {
    const steps = this.pending.get(id) ?? [];
    const last = steps[steps.length - 1];
    if (last && !last.action) last.fields = { ...last.fields, ...fields };
    else steps.push({ fields: { ...fields } });
    this.pending.set(id, steps);
    this.start(id);
  }

  /** Sends `fields` in a request of its own once the requests before it are done. */
  act(id: string, fields: ClaimFields): Promise<Claim> {
    return new Promise<Claim>((resolve, reject) => {
      const steps = this.pending.get(id) ?? [];
      steps.push({ fields, action: { resolve, reject } });
      this.pending.set(id, steps);
      this.start(id);
    });
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

  /** True when a value of `field` for claim `id` waits to be sent (as an edit, not an action). */
  hasPending(id: string, field: keyof ClaimFields): boolean {
    return (this.pending.get(id) ?? []).some((step) => !step.action && step.fields[field] !== undefined);
  }

  /** Resolves once nothing is in flight or waiting (for one claim, or for all). */
  async idle(id?: string): Promise<void> {
    for (;;) {
      const waits = id === undefined ? [...this.running.values()] : [this.running.get(id)].filter(Boolean);
      if (!waits.length) return;
      await Promise.all(waits);
    }
  }

  private start(id: string): void {
    this.setState(id, { kind: 'saving' });
    if (!this.running.has(id)) this.running.set(id, this.pump(id));
  }

  private setState(id: string, state: SaveState): void {
    this.states.set(id, state);
    this.hooks.onState?.(id, state);
  }

  private async pump(id: string): Promise<void> {
    try {
      for (;;) {
        const steps = this.pending.get(id);
        const step = steps?.shift();
        if (!step) break;
        if (!steps?.length) this.pending.delete(id);
        const fields: ClaimFields = step.action ? step.fields : { ...this.failed.get(id), ...step.fields };
        if (!step.action) {
          this.failed.delete(id);
          this.failedMessage.delete(id);
        }
        try {
          const claim = await this.send(id, fields);
          this.hooks.onSaved?.(claim, fields);
          step.action?.resolve(claim);
          if (!this.pending.has(id)) {
            const message = this.failedMessage.get(id);
            this.setState(id, message !== undefined ? { kind: 'error', message } : { kind: 'saved' });
          }
        } catch (error) {
          const message = errorMessage(error);
          if (step.action) {
            step.action.reject(error);
          } else {
            const keep: ClaimFields = { ...fields };
            delete keep.status;
            if (Object.keys(keep).length) {
              this.failed.set(id, keep);
              this.failedMessage.set(id, message);
            }
          }
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

type Drafted =
  | 'claimant'
  | 'note'
  | 'verdict'
  | 'statement'
  | 'type'
  | 'claimant_role'
  | 'claimant_url'
  | 'rationale'
  | 'assignee';
const DRAFTED: readonly Drafted[] = [
  'claimant',
  'note',
  'verdict',
  'statement',
  'type',
  'claimant_role',
  'claimant_url',
  'rationale',
  'assignee',
];

export const CLAIM_TYPES: readonly ClaimType[] = [
  'quantity',
  'prediction',
  'correlation_causation',
  'laws_rules',
  'personal_experience',
  'other',
];

/** Past this many characters a statement is too long for ClaimReview readers (a warning only). */
export const STATEMENT_MAX = 75;

/** What was typed into the add-a-source form of one claim and not added yet. */
interface EvidenceDraft {
  url: string;
  title: string;
  quote: string;
  stance: string;
  tag: string;
}

/** Reviewer names seen on these claims (creator, last editor, assignee), sorted. */
export function reviewerNames(claims: readonly Claim[], extra: readonly (string | null | undefined)[] = []): string[] {
  const names = new Set<string>();
  for (const name of [...claims.flatMap((c) => [c.reviewer, c.modified_by, c.assignee]), ...extra]) {
    const trimmed = name?.trim();
    if (trimmed) names.add(trimmed);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

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
  private readonly statement: HTMLTextAreaElement;
  private readonly statementCount: HTMLElement;
  private readonly statementWarning: HTMLElement;
  private readonly type: HTMLSelectElement;
  private readonly claimantRole: HTMLInputElement;
  private readonly claimantUrl: HTMLInputElement;
  private readonly rationale: HTMLTextAreaElement;
  private readonly assignee: HTMLInputElement;
  private readonly assigneeNames: HTMLDataListElement;
  private readonly tagList: HTMLUListElement;
  private readonly tagInput: HTMLInputElement;
  private readonly evidenceList: HTMLUListElement;
  private readonly evidenceForm: HTMLFormElement;
  private readonly evidenceUrl: HTMLInputElement;
  private readonly evidenceTitle: HTMLInputElement;
  private readonly evidenceQuote: HTMLTextAreaElement;
  private readonly evidenceStance: HTMLSelectElement;
  private readonly evidenceAdd: HTMLButtonElement;
  private readonly evidenceError: HTMLElement;
  /** The claim whose add-a-source form (and tag input) is on screen. */
  private formClaim: string | null = null;
  /** The forms of the other claims, kept while another claim is shown. */
  private evidenceDrafts = new Map<string, EvidenceDraft>();
  /** Claims with a source being added (the button is disabled meanwhile). */
  private addingEvidence = new Set<string>();
  /** Claims whose claimant URL the host refused (the typed text stays, marked invalid). */
  private urlRefused = new Set<string>();
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

    this.statement = el('textarea', {
      id: 'claim-statement',
      rows: 2,
      'data-i18n-placeholder': 'statementPlaceholder',
      'aria-describedby': 'claim-statement-count claim-statement-warning',
    });
    this.statementCount = el('span', { id: 'claim-statement-count', class: 'char-count' });
    this.statementWarning = el('span', { id: 'claim-statement-warning', class: 'field-warning', hidden: true });
    this.type = el(
      'select',
      { id: 'claim-type' },
      el('option', { value: '', 'data-i18n': 'type_none' }, t('type_none')),
      ...CLAIM_TYPES.map((k) => el('option', { value: k, 'data-i18n': `type_${k}` }, t(`type_${k}` as Key))),
    );
    this.claimantRole = el('input', {
      id: 'claim-claimant-role',
      type: 'text',
      autocomplete: 'off',
      'data-i18n-placeholder': 'claimantRolePlaceholder',
    });
    this.claimantUrl = el('input', {
      id: 'claim-claimant-url',
      type: 'text',
      inputmode: 'url',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-i18n-placeholder': 'urlPlaceholder',
    });
    this.rationale = el('textarea', { id: 'claim-rationale', rows: 4, 'data-i18n-placeholder': 'rationalePlaceholder' });
    this.assigneeNames = el('datalist', { id: 'claim-assignee-names' });
    this.assignee = el('input', {
      id: 'claim-assignee',
      type: 'text',
      autocomplete: 'off',
      list: 'claim-assignee-names',
      'data-i18n-placeholder': 'assigneePlaceholder',
    });
    this.tagList = el('ul', { id: 'claim-tags', class: 'tag-list', 'data-i18n-aria-label': 'tags' });
    this.tagInput = el('input', {
      id: 'claim-tag-input',
      type: 'text',
      autocomplete: 'off',
      'data-i18n-placeholder': 'tagInputPlaceholder',
    });
    this.evidenceList = el('ul', { id: 'claim-evidence', class: 'evidence-list', 'data-i18n-aria-label': 'evidence' });
    this.evidenceUrl = el('input', {
      id: 'evidence-url',
      type: 'text',
      inputmode: 'url',
      required: true,
      autocomplete: 'off',
      spellcheck: 'false',
      'data-i18n-placeholder': 'urlPlaceholder',
    });
    this.evidenceTitle = el('input', { id: 'evidence-title', type: 'text', autocomplete: 'off' });
    this.evidenceQuote = el('textarea', { id: 'evidence-quote', rows: 2 });
    this.evidenceStance = el(
      'select',
      { id: 'evidence-stance' },
      el('option', { value: '', 'data-i18n': 'stance_none' }, t('stance_none')),
      el('option', { value: 'supports', 'data-i18n': 'stance_supports' }, t('stance_supports')),
      el('option', { value: 'refutes', 'data-i18n': 'stance_refutes' }, t('stance_refutes')),
    );
    this.evidenceAdd = el('button', { id: 'evidence-add', type: 'submit', 'data-i18n': 'evidenceAdd' }, t('evidenceAdd'));
    this.evidenceError = el('p', { id: 'evidence-error', class: 'field-error', role: 'alert', hidden: true });

    this.claimant.addEventListener('input', () => this.edit('claimant', this.claimant.value));
    this.note.addEventListener('input', () => this.edit('note', this.note.value));
    this.statement.addEventListener('input', () => {
      this.edit('statement', this.statement.value);
      this.showStatementLength();
    });
    this.rationale.addEventListener('input', () => this.edit('rationale', this.rationale.value));
    this.claimantRole.addEventListener('input', () => this.edit('claimant_role', this.claimantRole.value));
    this.type.addEventListener('change', () => this.edit('type', this.type.value));
    this.assignee.addEventListener('change', () => {
      this.assignee.value = this.assignee.value.trim();
      this.edit('assignee', this.assignee.value);
    });
    // The host refuses a partial URL, so it is kept as typed and sent once the field is left.
    this.claimantUrl.addEventListener('input', () => {
      const id = this.selectedId;
      if (!id) return;
      this.setDraft(id, 'claimant_url', this.claimantUrl.value);
      this.urlRefused.delete(id);
      this.claimantUrl.removeAttribute('aria-invalid');
    });
    this.claimantUrl.addEventListener('change', () => this.saveClaimantUrl());
    this.tagInput.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ',') return;
      event.preventDefault();
      const tag = this.tagInput.value;
      this.tagInput.value = '';
      this.addTag(tag);
    });
    this.tagInput.addEventListener('input', () => {
      // A pasted "a, b" (or a comma typed where keydown did not see it) adds each finished tag.
      if (!this.tagInput.value.includes(',')) return;
      const parts = this.tagInput.value.split(',');
      this.tagInput.value = parts.pop() ?? '';
      for (const part of parts) this.addTag(part);
    });
    this.tagList.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-tag]');
      if (button && this.tagList.contains(button)) this.removeTag(button);
    });
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

    const field = (id: string, key: Key, ...controls: Node[]) =>
      el('div', { class: 'field' }, el('label', { for: id, 'data-i18n': key }), ...controls);
    const section = (key: Key, ...children: Node[]) =>
      el('section', { class: 'editor-section' }, el('h3', { 'data-i18n': key }), ...children);

    this.evidenceForm = el(
      'form',
      { id: 'evidence-form', class: 'evidence-form', novalidate: true },
      el('h4', { 'data-i18n': 'evidenceAddHeading' }),
      field('evidence-url', 'evidenceUrl', this.evidenceUrl),
      field('evidence-title', 'evidenceTitle', this.evidenceTitle),
      field('evidence-quote', 'evidenceQuote', this.evidenceQuote),
      el(
        'div',
        { class: 'evidence-form-row' },
        el('label', { for: 'evidence-stance', 'data-i18n': 'evidenceStance' }),
        this.evidenceStance,
        this.evidenceAdd,
      ),
      this.evidenceError,
    );
    this.evidenceForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.addEvidence();
    });

    this.body = el(
      'div',
      { class: 'editor-body', hidden: true },
      this.versionNote,
      el('blockquote', { class: 'claim-context' }, this.prefixEl, this.quoteEl, this.suffixEl),
      section(
        'sectionClaim',
        field(
          'claim-statement',
          'statement',
          this.statement,
          el('div', { class: 'field-foot' }, this.statementWarning, this.statementCount),
        ),
        field('claim-type', 'claimType', this.type),
        field('claim-claimant', 'claimant', this.claimant),
        el(
          'div',
          { class: 'field-pair' },
          field('claim-claimant-role', 'claimantRole', this.claimantRole),
          field('claim-claimant-url', 'claimantUrl', this.claimantUrl),
        ),
      ),
      section(
        'sectionVerdict',
        field('claim-verdict', 'verdict', el('div', { class: 'with-chip' }, this.verdictChip, this.verdict)),
        field('claim-status', 'status', this.status),
        field('claim-rationale', 'rationale', this.rationale),
        el(
          'div',
          { class: 'field' },
          el('span', { class: 'field-label', 'data-i18n': 'evidence' }),
          this.evidenceList,
          this.evidenceForm,
        ),
      ),
      section(
        'sectionWorkflow',
        field('claim-assignee', 'assignee', this.assignee, this.assigneeNames),
        field('claim-tag-input', 'tags', this.tagList, this.tagInput),
        field('claim-note', 'note', this.note),
      ),
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
        this.renderTags(claim);
        this.renderEvidence(claim);
        this.showStatementLength();
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
    this.swapEvidenceForm(claim?.id ?? null);
    if (!claim) return;
    const draft = this.drafts.get(claim.id) ?? {};
    this.statement.value = draft.statement ?? claim.statement ?? '';
    this.showStatementLength();
    this.type.value = draft.type ?? claim.type ?? '';
    this.claimantRole.value = draft.claimant_role ?? claim.claimant_role ?? '';
    this.claimantUrl.value = draft.claimant_url ?? claim.claimant_url ?? '';
    if (this.urlRefused.has(claim.id)) this.claimantUrl.setAttribute('aria-invalid', 'true');
    else this.claimantUrl.removeAttribute('aria-invalid');
    this.rationale.value = draft.rationale ?? claim.rationale ?? '';
    this.assignee.value = draft.assignee ?? claim.assignee ?? '';
    this.fillAssigneeNames();
    this.renderTags(claim);
    this.renderEvidence(claim);
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
    this.setDraft(id, field, value);
    this.queue.enqueue(id, { [field]: value } as ClaimFields);
  }

  private setDraft(id: string, field: Drafted, value: string): void {
    this.drafts.set(id, { ...this.drafts.get(id), [field]: value });
  }

  private showStatementLength(): void {
    const n = Array.from(this.statement.value).length;
    const over = n > STATEMENT_MAX;
    setText(this.statementCount, t('statementCount', { n }));
    this.statementCount.classList.toggle('over', over);
    this.statementWarning.hidden = !over;
    setText(this.statementWarning, over ? t('statementTooLong') : '');
  }

  private fillAssigneeNames(): void {
    const names = reviewerNames(this.claims, [this.host.session()?.reviewer]);
    replace(this.assigneeNames, ...names.map((name) => el('option', { value: name })));
  }

  /** Sent alone once the field is left: the host refuses a partial or non-http(s) URL. */
  private saveClaimantUrl(): void {
    const id = this.selectedId;
    if (!id) return;
    const value = this.claimantUrl.value.trim();
    this.claimantUrl.value = value;
    this.setDraft(id, 'claimant_url', value);
    this.queue.act(id, { claimant_url: value }).then(
      () => {
        this.urlRefused.delete(id);
        if (id === this.selectedId) this.claimantUrl.removeAttribute('aria-invalid');
      },
      () => {
        // The message is in #save-state; the typed URL stays (as a draft) to be corrected.
        if (this.drafts.get(id)?.claimant_url !== value) return;
        this.urlRefused.add(id);
        if (id === this.selectedId) this.claimantUrl.setAttribute('aria-invalid', 'true');
      },
    );
  }

  // --- tags ---------------------------------------------------------------------------------

  private renderTags(claim: Claim): void {
    const tags = claim.tags ?? [];
    replace(
      this.tagList,
      ...(tags.length
        ? tags.map((tag) =>
            el(
              'li',
              { class: 'tag-chip' },
              el('span', { class: 'tag-text' }, tag),
              el(
                'button',
                { type: 'button', class: 'tag-remove', 'data-tag': tag, 'aria-label': t('removeTag', { tag }), title: t('removeTag', { tag }) },
                '×',
              ),
            ),
          )
        : [el('li', { class: 'tag-empty hint' }, t('tagsEmpty'))]),
    );
  }

  /** Each tag is an action of its own: two tags typed quickly are two requests, in order. */
  private addTag(raw: string): void {
    const tag = raw.trim();
    const id = this.selectedId;
    if (!tag || !id) return;
    this.queue.act(id, { add_tags: [tag] }).catch(() => {
      // The reason is in #save-state; give the tag back to be corrected or added again.
      if (id === this.formClaim && !this.tagInput.value) this.tagInput.value = tag;
    });
  }

  private removeTag(button: HTMLButtonElement): void {
    const id = this.selectedId;
    const tag = button.dataset.tag;
    if (!id || tag === undefined) return;
    button.disabled = true;
    this.queue.act(id, { remove_tags: [tag] }).catch(() => {
      button.disabled = false;
    });
  }

  // --- evidence -----------------------------------------------------------------------------

  private renderEvidence(claim: Claim): void {
    const evidence = claim.evidence ?? [];
    replace(
      this.evidenceList,
      ...(evidence.length
        ? evidence.map((e) => this.evidenceItem(e))
        : [el('li', { class: 'evidence-empty hint' }, t('evidenceEmpty'))]),
    );
  }

  private evidenceItem(e: Evidence): HTMLLIElement {
    const meta = [e.publisher, e.accessed ? t('evidenceAccessed', { date: formatDate(e.accessed) }) : null]
      .filter(Boolean)
      .join(' · ');
    return el(
      'li',
      { class: 'evidence-item' },
      el(
        'div',
        { class: 'evidence-head' },
        // Shown as text, not a link: the webview must not navigate away.
        el('span', { class: 'evidence-source', title: e.url }, e.title || e.url),
        e.stance
          ? el('span', { class: `stance stance-${e.stance}`, 'data-i18n': `stance_${e.stance}` }, t(`stance_${e.stance}`))
          : null,
      ),
      e.title ? el('span', { class: 'evidence-url' }, e.url) : null,
      meta ? el('span', { class: 'evidence-meta' }, meta) : null,
      e.quote ? el('blockquote', { class: 'evidence-quote' }, e.quote) : null,
    );
  }

  private readEvidenceForm(): EvidenceDraft {
    return {
      url: this.evidenceUrl.value,
      title: this.evidenceTitle.value,
      quote: this.evidenceQuote.value,
      stance: this.evidenceStance.value,
      tag: this.tagInput.value,
    };
  }

  private writeEvidenceForm(draft: EvidenceDraft | undefined): void {
    this.evidenceUrl.value = draft?.url ?? '';
    this.evidenceTitle.value = draft?.title ?? '';
    this.evidenceQuote.value = draft?.quote ?? '';
    this.evidenceStance.value = draft?.stance ?? '';
    this.tagInput.value = draft?.tag ?? '';
  }

  /** Keeps what was typed into the add-a-source form (and tag input) with its claim. */
  private swapEvidenceForm(id: string | null): void {
    if (id === this.formClaim) return;
    if (this.formClaim) {
      const draft = this.readEvidenceForm();
      if (Object.values(draft).some((v) => v !== '')) this.evidenceDrafts.set(this.formClaim, draft);
      else this.evidenceDrafts.delete(this.formClaim);
    }
    this.formClaim = id;
    this.writeEvidenceForm(id ? this.evidenceDrafts.get(id) : undefined);
    if (id) this.evidenceDrafts.delete(id);
    this.evidenceError.hidden = true;
    setText(this.evidenceError, '');
    this.evidenceAdd.disabled = id !== null && this.addingEvidence.has(id);
  }

  private showEvidenceError(message: string | null): void {
    this.evidenceError.hidden = message === null;
    setText(this.evidenceError, message ?? '');
  }

  /** Adds the source once (an action, in order with the edits before it); clears the form on success. */
  private async addEvidence(): Promise<void> {
    const id = this.selectedId;
    if (!id || this.addingEvidence.has(id)) return;
    const url = this.evidenceUrl.value.trim();
    if (!url) {
      this.showEvidenceError(t('evidenceUrlRequired'));
      this.evidenceUrl.setAttribute('aria-invalid', 'true');
      this.evidenceUrl.focus();
      return;
    }
    const add: NonNullable<ClaimFields['add_evidence']> = { url };
    const title = this.evidenceTitle.value.trim();
    const quote = this.evidenceQuote.value.trim();
    const stance = this.evidenceStance.value;
    if (title) add.title = title;
    if (quote) add.quote = quote;
    if (stance === 'supports' || stance === 'refutes') add.stance = stance;
    this.addingEvidence.add(id);
    this.evidenceAdd.disabled = true;
    this.showEvidenceError(null);
    this.evidenceUrl.removeAttribute('aria-invalid');
    try {
      await this.queue.act(id, { add_evidence: add });
      if (this.formClaim === id) {
        this.writeEvidenceForm({ url: '', title: '', quote: '', stance: '', tag: this.tagInput.value });
      } else {
        const kept = this.evidenceDrafts.get(id);
        if (kept) this.evidenceDrafts.set(id, { url: '', title: '', quote: '', stance: '', tag: kept.tag });
      }
    } catch (error) {
      if (this.formClaim === id) this.showEvidenceError(t('saveFailed', { message: errorMessage(error) }));
    } finally {
      this.addingEvidence.delete(id);
      if (this.formClaim === id) this.evidenceAdd.disabled = false;
    }
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
      this.renderTags(claim);
      this.renderEvidence(claim);
    }
    if (sent.assignee !== undefined) this.fillAssigneeNames();
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
