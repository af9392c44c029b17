// The claims column: the list of the article's claims, the editor of the selected one, and the
// save queue that stores every edit as it is made.
import * as api from './api';
import type { Claim, ClaimFields, ClaimType, Evidence, Rating, Reviewer, Session, Status } from './api';
import { el, errorMessage, replace, setText } from './dom';
import { onVersion } from './highlight';
import { ClaimHistory, type HistoryLoader } from './history';
import { formatDate, formatTimestamp, ratingLabel, statusLabel, t, type Key } from './i18n';
import { truncateCp } from './offsets';
import { ReviewBox, isBlind, needsSecondReview, reviewAgreement } from './review';
import { describeValue } from './suggestions';
import type { UndoStep } from './undo';
import { anchorLabel, contextAfter, contextBefore, inTriage, needsTriage, quoteCompare } from './versions';

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

/** The triage order: orphans to triage first (they lost their place; latest version first),
 * then changed wordings to confirm (text order), then the orphans kept on their version. */
export function sortTriage(claims: readonly Claim[]): Claim[] {
  const rank = (c: Claim) => (c.anchor_state === 'changed' ? 1 : needsTriage(c) ? 0 : 2);
  return sortEarlier(claims).sort((a, b) => rank(a) - rank(b));
}

/** What a triage button does. */
export type TriageAction = 'reattach' | 'keep' | 'confirm';

/** Whether "Re-attach to selection" can act: a passage is selected in the latest version's text,
 * nothing is selected, or an earlier version is shown. */
export type ReattachState = 'ready' | 'noSelection' | 'oldVersion';

export interface PanelHost {
  session(): Session | null;
  /** A reviewer the desk knows by this name (for badges), if any. */
  reviewer?(name: string): Reviewer | undefined;
  /** The acting reviewer changed a claim: a step they may undo. Keystrokes in one field share a
   * `run` (a step that grows until the field is left). */
  edited?(step: UndoStep, run?: string): void;
  /** The typing run in a field ended (the field was left). */
  sealed?(): void;
  /** The selected claim changed; `reveal` asks to scroll its highlight into view. */
  selected(id: string | null, reveal: boolean): void;
  /** The host stored a new version of a claim. */
  changed(claim: Claim): void;
  /** The host refused an action whose effect was undone on screen (a status change). */
  refused(message: string): void;
  /** A triage button was pressed for claim `id` (it is selected first). */
  triage?(action: TriageAction, id: string): void;
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
  /** The article's latest version (the one claims are made and re-attached on). */
  latest: number | null = null;
  /** Whether the triage's "Re-attach to selection" buttons can act. */
  private reattachState: ReattachState = 'noSelection';
  /** Claims with a triage action on its way to the host. */
  private triageBusy = new Set<string>();
  /** The second review box in the editor. */
  readonly review: ReviewBox;
  /** Claims whose verdicts the acting reviewer asked to see before giving their review. */
  private revealed = new Set<string>();
  /** Which claims the filters let through (the selected one is listed all the same, dimmed). */
  private visible: (claim: Claim) => boolean = () => true;

  /** What the reviewer typed that the host has not confirmed yet: never overwritten. */
  private drafts = new Map<string, Partial<Record<Drafted, string>>>();
  /** Claims whose history is asked for again once their saves are all done. */
  private historyAfterSaves = new Set<string>();

  private readonly emptyNote: HTMLElement;
  private readonly body: HTMLElement;
  private readonly prefixEl: HTMLElement;
  private readonly quoteEl: HTMLElement;
  /** The value claimdesk read, for a claim made from a suggestion. */
  private readonly valueEl: HTMLElement;
  private readonly suffixEl: HTMLElement;
  private readonly claimant: HTMLInputElement;
  private readonly verdict: HTMLSelectElement;
  private readonly verdictChip: HTMLElement;
  private readonly verdictRow: HTMLElement;
  private readonly verdictHidden: HTMLElement;
  private readonly rationaleHidden: HTMLElement;
  private readonly status: HTMLSelectElement;
  private readonly statusHint: HTMLElement;
  /** The status shown before the reviewer picked another one (what undo puts back). */
  private statusShown: Status | null = null;
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
  /** The status each claim had before the reviewer's status change on its way to the host. */
  private statusBefore = new Map<string, Status>();
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
      const target = event.target as Element;
      const item = target.closest<HTMLElement>('li[data-claim-id]');
      if (!item || !this.list.contains(item)) return;
      const id = item.dataset.claimId ?? null;
      const action = target.closest<HTMLButtonElement>('button.reattach, button.keep, button.confirm');
      if (action && id) {
        if (action.disabled) return;
        if (id !== this.selectedId) this.select(id, false);
        const kind: TriageAction = action.classList.contains('reattach')
          ? 'reattach'
          : action.classList.contains('keep')
            ? 'keep'
            : 'confirm';
        this.host.triage?.(kind, id);
        return;
      }
      this.select(id, true);
    });
    // Pressing "Re-attach to selection" must not take the selection in the text away.
    this.list.addEventListener('mousedown', (event) => {
      if ((event.target as Element).closest('button.reattach')) event.preventDefault();
    });

    this.emptyNote = el('p', { class: 'hint', 'data-i18n': 'editorEmpty' });
    this.prefixEl = el('span', { class: 'context' });
    this.quoteEl = el('span', { class: 'quote' });
    this.valueEl = el('p', { id: 'claim-value', class: 'claim-value', hidden: true });
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
    this.verdictRow = el('div', { class: 'with-chip' }, this.verdictChip, this.verdict);
    this.verdictHidden = el('p', { id: 'verdict-hidden', class: 'verdict-hidden', hidden: true, 'data-i18n': 'verdictHiddenField' });
    this.rationaleHidden = el('p', { id: 'rationale-hidden', class: 'verdict-hidden', hidden: true, 'data-i18n': 'verdictHiddenField' });
    this.status = el('select', { id: 'claim-status', 'aria-describedby': 'status-hint' });
    this.statusHint = el('p', { id: 'status-hint', class: 'field-hint', hidden: true });
    this.review = new ReviewBox({
      session: () => this.host.session(),
      reviewer: (name) => this.host.reviewer?.(name),
      submit: async (id, verdict, note) => {
        const claim = await api.reviewClaim(id, verdict, note);
        this.replaceClaim(claim);
      },
      reveal: (id) => this.reveal(id),
    });
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

    this.claimant.addEventListener('input', () => this.edit('claimant', this.claimant.value, true));
    this.note.addEventListener('input', () => this.edit('note', this.note.value, true));
    this.statement.addEventListener('input', () => {
      this.edit('statement', this.statement.value, true);
      this.showStatementLength();
    });
    this.rationale.addEventListener('input', () => this.edit('rationale', this.rationale.value, true));
    this.claimantRole.addEventListener('input', () => this.edit('claimant_role', this.claimantRole.value, true));
    // Leaving a field ends its typing run: undo then takes back what was typed there at once.
    for (const field of [this.claimant, this.note, this.statement, this.rationale, this.claimantRole]) {
      field.addEventListener('blur', () => this.host.sealed?.());
    }
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
    this.status.addEventListener('change', () => this.changeStatus(this.status.value as Status));
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
      this.valueEl,
      this.review.root,
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
        field('claim-verdict', 'verdict', this.verdictRow, this.verdictHidden),
        field('claim-status', 'status', this.status, this.statusHint),
        field('claim-rationale', 'rationale', this.rationale, this.rationaleHidden),
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

  /** Shows the claims of a newly opened article, whose text shown is version `version` (of
   * `latest`). */
  setClaims(claims: readonly Claim[], version: number | null = null, latest: number | null = version): void {
    this.version = version;
    this.latest = latest;
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

  /**
   * Takes a claim the host moved or re-stated (a triage action): it may change group (from the
   * triage to the list), so the list is drawn again; the editor shows its new passage.
   */
  update(claim: Claim): void {
    const at = this.claims.findIndex((c) => c.id === claim.id);
    if (at < 0) return;
    this.claims = sortClaims([...this.claims.slice(0, at), claim, ...this.claims.slice(at + 1)]);
    const hadFocus = this.list.contains(this.list.ownerDocument.activeElement);
    this.renderList();
    if (hadFocus) this.focusSelected();
    if (claim.id === this.selectedId) {
      this.showContext(claim);
      this.showMeta(claim);
      this.showVersionNote(claim);
      this.history.refresh(claim.id);
    }
    this.host.changed(claim);
  }

  /** Sets whether the triage's re-attach buttons can act (follows the selection in the text). */
  setReattach(state: ReattachState): void {
    if (state === this.reattachState) return;
    this.reattachState = state;
    for (const button of Array.from(this.list.querySelectorAll<HTMLButtonElement>('button.reattach'))) {
      this.paintReattach(button, button.closest<HTMLElement>('li[data-claim-id]')?.dataset.claimId ?? '');
    }
  }

  get reattach(): ReattachState {
    return this.reattachState;
  }

  /** Marks a claim's triage action as on its way (its buttons disabled) or done. */
  setTriageBusy(id: string, busy: boolean): void {
    if (busy) this.triageBusy.add(id);
    else this.triageBusy.delete(id);
    const claim = this.get(id);
    if (claim) this.itemOf(id)?.replaceWith(this.item(claim));
  }

  /** Selects the first claim to triage (or keeps the one selected if it is one) and puts the
   * focus on it; false when there is none listed. */
  focusTriage(): boolean {
    const items = Array.from(this.list.querySelectorAll<HTMLElement>('#triage-list li[data-claim-id]'));
    if (!items.length) return false;
    const current = items.find((li) => li.dataset.claimId === this.selectedId);
    const target = current ?? items[0];
    // The triage is the top of the list: show it there, without scrolling the column away from
    // its heading and counts.
    const column = this.list.parentElement;
    const columnScroll = column?.scrollTop ?? 0;
    if (!current) this.select(target.dataset.claimId ?? null, true);
    this.focusSelected();
    if (column) column.scrollTop = columnScroll;
    this.list.scrollTop = 0;
    return true;
  }

  get(id: string | null): Claim | undefined {
    return id === null ? undefined : this.claims.find((c) => c.id === id);
  }

  select(id: string | null, reveal = false): void {
    if (id !== null && !this.get(id)) id = null;
    const changed = id !== this.selectedId;
    const before = this.get(this.selectedId);
    this.selectedId = id;
    const after = this.get(id);
    // A claim the filters leave out is listed only while selected: redraw the list when one comes
    // or goes (keeping the focus on the list if it was there); otherwise just move the marks.
    if (changed && ((before && !this.visible(before)) || (after && !this.visible(after)))) {
      const hadFocus = this.list.contains(this.list.ownerDocument.activeElement);
      this.renderList();
      if (hadFocus) this.focusSelected();
    } else {
      for (const item of Array.from(this.list.querySelectorAll<HTMLElement>('li[data-claim-id]'))) {
        const on = item.dataset.claimId === id;
        item.classList.toggle('selected', on);
        if (on) item.setAttribute('aria-current', 'true');
        else item.removeAttribute('aria-current');
      }
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

  /** Focuses the selected claim's note (the "e" key). */
  focusNote(): boolean {
    if (!this.get(this.selectedId)) return false;
    this.note.scrollIntoView?.({ block: 'nearest' });
    this.note.focus();
    return true;
  }

  /** Puts the focus on the selected claim in the list (or on the list): where j/k go on from. */
  focusSelected(): void {
    const button = this.selectedId ? this.itemOf(this.selectedId)?.querySelector<HTMLElement>('button') : null;
    if (button) button.focus();
    else this.list.focus();
  }

  /** Selects the next (1) or previous (-1) claim the list shows; returns its id. */
  step(delta: 1 | -1): string | null {
    const items = Array.from(this.list.querySelectorAll<HTMLElement>('li[data-claim-id]'));
    const listed = items.filter((li) => !li.classList.contains('filtered-out') || li.dataset.claimId === this.selectedId);
    if (!listed.length) return null;
    const at = listed.findIndex((li) => li.dataset.claimId === this.selectedId);
    let next: HTMLElement | undefined;
    if (at < 0) next = delta > 0 ? listed[0] : listed[listed.length - 1];
    else for (let i = at + delta; i >= 0 && i < listed.length && !next; i += delta) {
      if (!listed[i].classList.contains('filtered-out')) next = listed[i];
    }
    const id = next?.dataset.claimId ?? this.selectedId;
    if (!id) return null;
    const focusInList = this.list.contains(this.list.ownerDocument.activeElement);
    this.select(id, true);
    if (focusInList) this.focusSelected();
    return id;
  }

  /** The claims the filters let through, of all the claims. */
  counts(): { shown: number; total: number } {
    return { shown: this.claims.filter((c) => this.visible(c)).length, total: this.claims.length };
  }

  /** Sets which claims the list shows. */
  setVisible(visible: (claim: Claim) => boolean): void {
    this.visible = visible;
    const hadFocus = this.list.contains(this.list.ownerDocument.activeElement);
    this.renderList();
    if (hadFocus) this.focusSelected();
  }

  /** True when the acting reviewer must give their review before seeing this claim's verdicts. */
  isBlind(claim: Claim): boolean {
    return isBlind(claim, this.me(), this.revealed.has(claim.id));
  }

  /** Shows the verdicts of a claim the acting reviewer reviews: their review is then not blind. */
  reveal(id: string): void {
    const claim = this.get(id);
    if (!claim) return;
    this.revealed.add(id);
    this.itemOf(id)?.replaceWith(this.item(claim));
    if (id === this.selectedId) this.showVerdictFields(claim);
    this.host.changed(claim);
  }

  /** The acting reviewer changed: what is blind and what is theirs is to be worked out again. */
  resetReviewer(): void {
    this.revealed.clear();
    this.review.reset();
    this.renderList();
    this.fillEditor();
  }

  /** Takes a claim the host sent back outside the save queue (after a second review). */
  replaceClaim(claim: Claim): void {
    const at = this.claims.findIndex((c) => c.id === claim.id);
    if (at < 0) return;
    this.claims[at] = claim;
    this.itemOf(claim.id)?.replaceWith(this.item(claim));
    if (claim.id === this.selectedId) {
      this.showVerdictFields(claim);
      if (!this.queue.hasPending(claim.id, 'status')) this.fillStatusOptions(claim.status);
      this.showMeta(claim);
      this.history.refresh(claim.id);
    }
    this.host.changed(claim);
  }

  /** Sets the selected claim's verdict as a pick in its field would (the digit keys). */
  setVerdict(key: string): boolean {
    const claim = this.get(this.selectedId);
    if (!claim || this.isBlind(claim)) return false;
    this.fillVerdictOptions(key || null);
    this.paintChip(key || null);
    this.edit('verdict', key);
    return true;
  }

  /**
   * Moves the selected claim to `target` as a pick in its status field would (the status keys).
   * Returns why it may not (the workflow does not allow it, a second review is needed), or null.
   */
  setStatus(target: Status): string | null {
    const claim = this.get(this.selectedId);
    const session = this.host.session();
    if (!claim) return t('selectClaimFirst');
    const current = this.statusShown ?? claim.status;
    if (current === target) return null;
    const allowed = session?.transitions[current] ?? [];
    if (!allowed.includes(target)) {
      return t('statusNotAllowed', {
        from: statusLabel(current),
        to: statusLabel(target),
        allowed: allowed.map((s) => statusLabel(s)).join(', ') || '—',
      });
    }
    if (target === 'reviewed' && needsSecondReview(claim, session)) return t('needsSecondReview');
    this.status.value = target;
    this.changeStatus(target);
    return null;
  }

  /**
   * Sends `fields` (an undo or a redo) for claim `id` and shows the result: they replace what
   * was typed into those fields and not saved yet.
   */
  async apply(id: string, fields: ClaimFields): Promise<Claim> {
    const draft = this.drafts.get(id);
    if (draft) {
      for (const f of DRAFTED) if (fields[f] !== undefined) delete draft[f];
      if (!Object.keys(draft).length) this.drafts.delete(id);
    }
    if (fields.claimant_url !== undefined) this.urlRefused.delete(id);
    const claim = await this.queue.act(id, fields);
    if (id === this.selectedId) this.showFields(claim, fields);
    return claim;
  }

  /** Re-renders everything language-dependent (the static labels are done by applyI18n). */
  applyLang(): void {
    this.renderList();
    if (this.selectedId) {
      const claim = this.get(this.selectedId);
      if (claim) {
        this.review.applyLang();
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

  /**
   * The list: the claims to triage first (#triage), then the claims drawn on the text shown, then
   * those on another version (#claims-earlier).
   */
  private renderList(): void {
    const listed = (c: Claim) => this.visible(c) || c.id === this.selectedId;
    const triage = this.claims.filter((c) => inTriage(c));
    const rest = this.claims.filter((c) => !inTriage(c));
    const current = rest.filter((c) => this.isCurrent(c));
    const earlier = rest.filter((c) => !this.isCurrent(c) && listed(c));
    const shown = current.filter(listed);
    const items: Node[] = [];
    if (triage.length) items.push(this.triageGroup(triage, listed));
    if (shown.length) items.push(...shown.map((c) => this.item(c)));
    else if (!triage.length || rest.length) {
      items.push(
        el(
          'li',
          { class: 'empty hint' },
          t(current.length ? 'claimsNoneMatch' : rest.length > current.length ? 'claimsEmptyVersion' : 'claimsEmpty'),
        ),
      );
    }
    if (earlier.length) {
      const onLatest = this.version === null || this.latest === null || this.version >= this.latest;
      items.push(
        el(
          'li',
          { id: 'claims-earlier', class: 'claim-group' },
          el('h3', { id: 'claims-earlier-heading', class: 'claim-group-heading' }, t(onLatest ? 'claimsEarlier' : 'claimsOtherVersion')),
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

  /** The triage section: what needs the reviewer (changed wordings, orphans), then the orphans
   * kept on their version. */
  private triageGroup(triage: readonly Claim[], listed: (c: Claim) => boolean): HTMLElement {
    const sorted = sortTriage(triage);
    const pending = sorted.filter((c) => needsTriage(c));
    const kept = sorted.filter((c) => !needsTriage(c));
    const pendingListed = pending.filter(listed);
    const keptListed = kept.filter(listed);
    return el(
      'li',
      {
        id: 'triage',
        class: `claim-group triage${pending.length ? ' pending' : ''}`,
        'data-pending': pending.length,
        'data-kept': kept.length,
      },
      el(
        'h3',
        { id: 'triage-heading', class: 'claim-group-heading triage-heading' },
        pending.length ? `${t('triageHeading')} (${pending.length})` : t('triageKeptOnly'),
      ),
      pending.length ? el('p', { class: 'hint triage-intro' }, t('triageIntro')) : null,
      pendingListed.length
        ? el(
            'ul',
            { id: 'triage-list', class: 'claim-sublist', 'aria-labelledby': 'triage-heading' },
            ...pendingListed.map((c) => this.item(c)),
          )
        : pending.length
          ? el('p', { class: 'hint triage-hidden' }, t('triageHidden'))
          : null,
      keptListed.length && pending.length
        ? el('h4', { id: 'triage-kept-heading', class: 'claim-group-subheading' }, t('triageKeptHeading'))
        : null,
      keptListed.length
        ? el(
            'ul',
            { id: 'triage-kept', class: 'claim-sublist', 'aria-labelledby': pending.length ? 'triage-kept-heading' : 'triage-heading' },
            ...keptListed.map((c) => this.item(c)),
          )
        : null,
    );
  }

  /** A triage item: the claim's tags, its passage (an orphan's with its context, a changed
   * claim's old and new wording side by side) and what can be done about it. */
  private triageItem(claim: Claim): HTMLLIElement {
    const blind = this.isBlind(claim);
    const rating = blind ? null : ratingOf(this.host.session(), claim.verdict);
    const chip = el('span', { class: 'chip', 'aria-hidden': 'true' });
    chip.style.setProperty('--chip', rating?.colour ?? NO_VERDICT_COLOUR);
    const selected = claim.id === this.selectedId;
    const out = !this.visible(claim);
    const orphan = claim.anchor_state === 'orphaned';
    const kept = orphan && claim.kept_on_version;
    const busy = this.triageBusy.has(claim.id);
    const reattach = el('button', { type: 'button', class: kept ? 'reattach link' : 'reattach' }, t('reattach'));
    this.paintReattach(reattach, claim.id);
    const actions: HTMLElement[] = [];
    if (claim.anchor_state === 'changed') {
      actions.push(
        el('button', { type: 'button', class: 'confirm primary', title: t('confirmTitle'), disabled: busy }, t('confirmAnchor')),
        reattach,
      );
    } else if (!kept) {
      actions.push(
        reattach,
        el(
          'button',
          { type: 'button', class: 'keep', title: t('keepTitle', { n: claim.version }), disabled: busy },
          t('keepOnVersion', { n: claim.version }),
        ),
      );
    } else {
      actions.push(reattach);
    }
    const passage =
      claim.anchor_state === 'changed'
        ? quoteCompare(claim)
        : el(
            'blockquote',
            { class: 'triage-context' },
            claim.prefix ? el('span', { class: 'context' }, contextBefore(claim.prefix)) : null,
            el('mark', { class: 'triage-quote' }, claim.quote),
            claim.suffix ? el('span', { class: 'context' }, contextAfter(claim.suffix)) : null,
          );
    return el(
      'li',
      {
        'data-claim-id': claim.id,
        'data-version': claim.version,
        'data-anchor-state': claim.anchor_state,
        'data-kept': kept ? 'true' : null,
        'data-blind': blind ? 'true' : null,
        'aria-busy': busy ? 'true' : null,
        class: `claim-item triage-item anchor-${claim.anchor_state}${kept ? ' kept' : ''}${selected ? ' selected' : ''}${out ? ' filtered-out' : ''}`,
        'aria-current': selected ? 'true' : null,
      },
      el(
        'button',
        { type: 'button', class: 'claim-button', 'aria-label': t('quoted', { text: truncateCp(claim.quote.replace(/\s+/g, ' '), 110) }) },
        el(
          'span',
          { class: 'claim-tags' },
          el('span', { class: `anchor-tag anchor-${claim.anchor_state}${kept ? ' kept' : ''}` }, anchorLabel(claim)),
          orphan && !kept ? el('span', { class: 'version-tag' }, t('fromVersion', { n: claim.version })) : null,
          blind
            ? el('span', { class: 'verdict-tag hidden' }, chip, t('verdictHiddenShort'))
            : el('span', { class: rating ? 'verdict-tag' : 'verdict-tag none' }, chip, rating ? ratingLabel(rating) : claim.verdict ?? t('noVerdictShort')),
          el('span', { class: `status-tag status-${claim.status}` }, statusLabel(claim.status)),
          this.reviewTag(claim, blind),
        ),
      ),
      passage,
      el('div', { class: 'triage-actions' }, ...actions),
    );
  }

  /** A re-attach button as the selection in the text allows (and the claim is not busy). */
  private paintReattach(button: HTMLButtonElement, id: string): void {
    const state = this.reattachState;
    button.disabled = state !== 'ready' || this.triageBusy.has(id);
    button.dataset.state = state;
    button.setAttribute(
      'title',
      t(state === 'ready' ? 'reattachReady' : state === 'oldVersion' ? 'reattachOldVersion' : 'reattachNoSelection'),
    );
  }

  private item(claim: Claim): HTMLLIElement {
    if (inTriage(claim)) return this.triageItem(claim);
    // A blind reviewer sees neither the verdict's label nor its colour.
    const blind = this.isBlind(claim);
    const rating = blind ? null : ratingOf(this.host.session(), claim.verdict);
    const chip = el('span', { class: 'chip', 'aria-hidden': 'true' });
    chip.style.setProperty('--chip', rating?.colour ?? NO_VERDICT_COLOUR);
    const selected = claim.id === this.selectedId;
    const earlier = !this.isCurrent(claim);
    const out = !this.visible(claim);
    return el(
      'li',
      {
        'data-claim-id': claim.id,
        'data-version': claim.version,
        'data-anchor-state': claim.anchor_state ?? null,
        'data-blind': blind ? 'true' : null,
        class: `claim-item${earlier ? ' earlier' : ''}${selected ? ' selected' : ''}${out ? ' filtered-out' : ''}`,
        'aria-current': selected ? 'true' : null,
      },
      el(
        'button',
        { type: 'button', class: 'claim-button' },
        el('span', { class: 'claim-quote' }, t('quoted', { text: truncateCp(claim.quote.replace(/\s+/g, ' '), 110) })),
        el(
          'span',
          { class: 'claim-tags' },
          blind
            ? el('span', { class: 'verdict-tag hidden' }, chip, t('verdictHiddenShort'))
            : el(
                'span',
                { class: rating ? 'verdict-tag' : 'verdict-tag none' },
                chip,
                rating ? ratingLabel(rating) : claim.verdict ?? t('noVerdictShort'),
              ),
          el('span', { class: `status-tag status-${claim.status}` }, statusLabel(claim.status)),
          this.reviewTag(claim, blind),
          claim.anchor_state === 'moved' ? el('span', { class: 'anchor-tag anchor-moved' }, anchorLabel(claim)) : null,
          earlier ? el('span', { class: 'version-tag' }, t('claimVersion', { n: claim.version })) : null,
        ),
      ),
    );
  }

  /** Where the claim is in second review, as the acting reviewer may know it. */
  private reviewTag(claim: Claim, blind: boolean): HTMLElement | null {
    if (blind) return el('span', { class: 'review-tag mine' }, t('reviewTagYours'));
    const agreement = reviewAgreement(claim);
    if (agreement) return el('span', { class: `review-tag ${agreement}` }, t(agreement === 'agree' ? 'reviewTagAgree' : 'reviewTagDisagree'));
    if (claim.status === 'in_review' && needsSecondReview(claim, this.host.session())) {
      return el('span', { class: 'review-tag needed' }, t('reviewTagNeeded'));
    }
    return null;
  }

  private me(): string | null {
    return this.host.session()?.reviewer?.name ?? null;
  }

  // --- editor -------------------------------------------------------------------------------

  private fillEditor(): void {
    const claim = this.get(this.selectedId);
    this.body.hidden = !claim;
    this.emptyNote.hidden = !!claim;
    // Masked first: the history of a claim reviewed blind never shows its verdicts, even briefly.
    if (claim) this.history.setMasked(this.isBlind(claim));
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
    this.assignee.value = draft.assignee ?? claim.assignee ?? '';
    this.fillAssigneeNames();
    this.renderTags(claim);
    this.renderEvidence(claim);
    this.showContext(claim);
    this.claimant.value = draft.claimant ?? claim.claimant ?? '';
    this.note.value = draft.note ?? claim.note ?? '';
    this.showVerdictFields(claim);
    this.fillStatusOptions(claim.status);
    this.showSaveState();
    this.showMeta(claim);
    this.showVersionNote(claim);
  }

  /**
   * The verdict, the rationale (which tells it), the history's verdicts and the review box: all
   * hidden while the acting reviewer has to give their review blind.
   */
  private showVerdictFields(claim: Claim): void {
    const blind = this.isBlind(claim);
    const draft = this.drafts.get(claim.id) ?? {};
    const verdict = blind ? '' : draft.verdict ?? claim.verdict ?? '';
    this.verdictRow.hidden = blind;
    this.verdictHidden.hidden = !blind;
    this.fillVerdictOptions(verdict || null);
    this.paintChip(verdict || null);
    this.rationale.hidden = blind;
    this.rationaleHidden.hidden = !blind;
    this.rationale.value = blind ? '' : draft.rationale ?? claim.rationale ?? '';
    this.history.setMasked(blind);
    this.review.show(claim, blind);
  }

  /** Shows the stored values of `fields` (after an undo or a redo) in the editor. */
  private showFields(claim: Claim, fields: ClaimFields): void {
    const controls: Partial<Record<Drafted, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>> = {
      claimant: this.claimant,
      note: this.note,
      statement: this.statement,
      type: this.type,
      claimant_role: this.claimantRole,
      claimant_url: this.claimantUrl,
      rationale: this.rationale,
      assignee: this.assignee,
    };
    const draft = this.drafts.get(claim.id) ?? {};
    for (const f of DRAFTED) {
      if (fields[f] === undefined) continue;
      if (f === 'verdict' || f === 'rationale') continue;
      const control = controls[f];
      if (control) control.value = draft[f] ?? (claim[f] as string | null) ?? '';
    }
    if (fields.verdict !== undefined || fields.rationale !== undefined) this.showVerdictFields(claim);
    if (fields.claimant_url !== undefined) this.claimantUrl.removeAttribute('aria-invalid');
    this.showStatementLength();
  }

  /** The claim's passage with its context, as stored (an orphan's from the version it was last
   * found in). */
  private showContext(claim: Claim): void {
    setText(this.prefixEl, claim.prefix ? contextBefore(claim.prefix) : '');
    setText(this.quoteEl, claim.quote);
    setText(this.suffixEl, claim.suffix ? contextAfter(claim.suffix) : '');
    const value = claim.value?.type ? describeValue(claim.value.type, claim.value) : '';
    setText(this.valueEl, value ? t('claimValue', { value }) : '');
    this.valueEl.hidden = !value;
  }

  /** Where the claim stands: moved, changed (to confirm), orphaned or kept, or on a version other
   * than the one shown. */
  private showVersionNote(claim: Claim): void {
    let note: string | null = null;
    const state = claim.anchor_state;
    if (state === 'orphaned') {
      note = claim.kept_on_version
        ? t('anchorNoteKept', { n: claim.version })
        : t('anchorNoteOrphaned', { n: claim.version, latest: this.latest ?? claim.version });
    } else if (state === 'changed') {
      note = t('anchorNoteChanged', { n: claim.version });
    } else if (!this.isCurrent(claim)) {
      const later = this.version !== null && claim.version > this.version;
      note = t(later ? 'claimOnLaterVersion' : 'claimOnEarlierVersion', { n: claim.version });
    } else if (state === 'moved') {
      note = t('anchorNoteMoved', { n: claim.version });
    }
    this.versionNote.hidden = note === null;
    this.versionNote.dataset.state = state ?? 'anchored';
    setText(this.versionNote, note ?? '');
  }

  private fillVerdictOptions(value: string | null): void {
    const ratings = this.host.session()?.scale.ratings ?? [];
    const options = [el('option', { value: '' }, t('noVerdict'))];
    for (const r of ratings) options.push(el('option', { value: r.key }, ratingLabel(r)));
    if (value && !ratings.some((r) => r.key === value)) options.push(el('option', { value }, value));
    replace(this.verdict, ...options);
    this.verdict.value = value ?? '';
  }

  /**
   * The current status and those the workflow allows from it. When the desk requires a second
   * review and the claim has none, "reviewed" is offered disabled, and the hint says why.
   */
  private fillStatusOptions(current: Status): void {
    const session = this.host.session();
    const next = session?.transitions[current] ?? [];
    const statuses = [current, ...next.filter((s) => s !== current)];
    const claim = this.get(this.selectedId);
    const gated = !!claim && current !== 'reviewed' && next.includes('reviewed') && needsSecondReview(claim, session);
    replace(
      this.status,
      ...statuses.map((s) =>
        gated && s === 'reviewed'
          ? el('option', { value: s, disabled: true }, t('statusNeedsReview', { status: statusLabel(s) }))
          : el('option', { value: s }, statusLabel(s)),
      ),
    );
    this.status.value = current;
    this.statusShown = current;
    this.statusHint.hidden = !gated;
    setText(this.statusHint, gated ? t('needsSecondReview') : '');
  }

  /** The reviewer picked another status: sent at once; undoable once the host accepts it. */
  private changeStatus(target: Status): void {
    const id = this.selectedId;
    if (!id) return;
    const before = this.statusShown ?? this.get(id)?.status;
    if (before && !this.statusBefore.has(id)) this.statusBefore.set(id, before);
    this.statusShown = target;
    this.queue.enqueue(id, { status: target });
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

  /** Saves a field's new value; `typing` marks a keystroke (one undo step per typing run). */
  private edit(field: Drafted, value: string, typing = false): void {
    const id = this.selectedId;
    if (!id) return;
    const before = this.shownValue(id, field);
    this.setDraft(id, field, value);
    this.queue.enqueue(id, { [field]: value } as ClaimFields);
    this.record(id, { [field]: before }, { [field]: value }, typing ? `${id}:${field}` : undefined);
  }

  /** A field's value as the reviewer sees it: what they typed, else what is stored. */
  private shownValue(id: string, field: Drafted): string {
    const typed = this.drafts.get(id)?.[field];
    if (typed !== undefined) return typed;
    return (this.get(id)?.[field] as string | null | undefined) ?? '';
  }

  private record(id: string, before: ClaimFields, after: ClaimFields, run?: string): void {
    const claim = this.get(id);
    if (claim) this.host.edited?.({ claimId: id, articleId: claim.article_id, before, after }, run);
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
    const names = reviewerNames(this.claims, [this.host.session()?.reviewer?.name]);
    replace(this.assigneeNames, ...names.map((name) => el('option', { value: name })));
  }

  /** Sent alone once the field is left: the host refuses a partial or non-http(s) URL. */
  private saveClaimantUrl(): void {
    const id = this.selectedId;
    if (!id) return;
    const value = this.claimantUrl.value.trim();
    const before = this.get(id)?.claimant_url ?? '';
    this.claimantUrl.value = value;
    this.setDraft(id, 'claimant_url', value);
    this.queue.act(id, { claimant_url: value }).then(
      () => {
        if (before !== value) this.record(id, { claimant_url: before }, { claimant_url: value });
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
    const had = (this.get(id)?.tags ?? []).includes(tag);
    this.queue.act(id, { add_tags: [tag] }).then(() => {
      // Adding a tag the claim had changes nothing: nothing to undo.
      if (!had) this.record(id, { remove_tags: [tag] }, { add_tags: [tag] });
    }, () => {
      // The reason is in #save-state; give the tag back to be corrected or added again.
      if (id === this.formClaim && !this.tagInput.value) this.tagInput.value = tag;
    });
  }

  private removeTag(button: HTMLButtonElement): void {
    const id = this.selectedId;
    const tag = button.dataset.tag;
    if (!id || tag === undefined) return;
    button.disabled = true;
    this.queue.act(id, { remove_tags: [tag] }).then(
      () => this.record(id, { add_tags: [tag] }, { remove_tags: [tag] }),
      () => {
        button.disabled = false;
      },
    );
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
    if (sent.status !== undefined) this.recordStatus(claim);
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

  /** A status change the host accepted becomes an undo step (from the status shown before it). */
  private recordStatus(claim: Claim): void {
    const before = this.statusBefore.get(claim.id);
    if (!before || this.queue.hasPending(claim.id, 'status')) return;
    this.statusBefore.delete(claim.id);
    if (before !== claim.status) this.record(claim.id, { status: before }, { status: claim.status });
  }

  private failed(id: string, sent: ClaimFields, message: string): void {
    if (sent.status === undefined) return;
    this.statusBefore.delete(id);
    const claim = this.get(id);
    if (claim && id === this.selectedId && !this.queue.hasPending(id, 'status')) {
      this.fillStatusOptions(claim.status);
    }
    this.host.refused(message);
  }
}
