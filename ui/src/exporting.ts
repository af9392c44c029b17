// Claim sets in and out of the desk: the export dialog (every format, with its filters) and the
// report of an "Import claims…". Files are chosen in dialogs the host opens, never here.
import * as api from './api';
import type {
  Article,
  DeskSetting,
  ExportChoice,
  ExportFormat,
  ExportOutcome,
  ImportReport,
  Reviewer,
  Status,
} from './api';
import { el, errorMessage, replace, setText } from './dom';
import { fieldLabel } from './history';
import { plural, statusLabel, t, type Key } from './i18n';

/** Every format, in the order the dialog offers them (the host's Format::ALL). */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'claimreview', 'webannotation', 'markdown', 'html', 'checkthat'];
const STATUSES: readonly Status[] = ['draft', 'in_review', 'reviewed', 'published', 'rejected'];
/** What a desk hands on, as the host's default export does. */
const DEFAULT_STATUSES: readonly Status[] = ['reviewed', 'published'];

/** The ClaimReview settings: the label each field gets, and an example value. */
const SETTING_FIELDS: Record<string, { label: Key; example: string }> = {
  'desk.name': { label: 'exportSettingName', example: 'Vérif Sahel' },
  'desk.url': { label: 'exportSettingUrl', example: 'https://desk.example' },
  'claimreview.url_pattern': { label: 'exportSettingPattern', example: 'https://desk.example/checks/{id}' },
};

/** How long the live count waits for the reviewer to stop changing the filters. */
const COUNT_DELAY_MS = 150;

export interface ExportHost {
  /** The article open, offered as "only this article". */
  article(): Article | null;
  /** The reviewers the desk knows, for the reviewer filter. */
  reviewers(): Reviewer[];
  /** Resolves once edits still on their way are stored: they must be in the export. */
  settle(): Promise<void>;
  /** The export is written (the dialog has closed). */
  exported(outcome: ExportOutcome): void;
}

/**
 * The export dialog (#export-dialog): a format, the claims it takes (statuses, article, dates,
 * reviewer, tag) and the format's options, with a live count. A refusal from the host is shown in
 * the dialog, in full, and the dialog stays open so the reviewer can fix it and try again.
 */
export class ExportDialog {
  readonly root: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly formatInputs = new Map<ExportFormat, HTMLInputElement>();
  private readonly statusInputs = new Map<Status, HTMLInputElement>();
  private readonly articleAll = el('input', { id: 'export-article-all', type: 'radio', name: 'export-article', value: 'all', checked: true });
  private readonly articleCurrent = el('input', { id: 'export-article-current', type: 'radio', name: 'export-article', value: 'current' });
  private readonly articleCurrentLabel = el('label', { for: 'export-article-current', id: 'export-article-current-label' });
  private readonly since = el('input', { id: 'export-since', type: 'date', 'data-i18n-placeholder': 'exportDatePlaceholder' });
  private readonly until = el('input', { id: 'export-until', type: 'date', 'data-i18n-placeholder': 'exportDatePlaceholder' });
  private readonly reviewer = el('select', { id: 'export-reviewer' });
  private readonly tag = el('select', { id: 'export-tag' });
  private readonly bom = el('input', { id: 'export-bom', type: 'checkbox' });
  private readonly split = el('input', { id: 'export-split', type: 'checkbox' });
  private readonly count = el('p', { id: 'export-count', class: 'export-count', role: 'status', 'aria-live': 'polite' });
  private readonly error = el('p', { id: 'export-error', class: 'export-error', role: 'alert', hidden: true });
  private readonly desk = el('details', { id: 'export-desk', class: 'export-desk', hidden: true });
  private readonly deskFields = el('div', { class: 'export-desk-fields' });
  private readonly deskState = el('p', { id: 'export-desk-state', class: 'hint', role: 'status' });
  private readonly deskSave = el('button', { id: 'export-desk-save', type: 'button', 'data-i18n': 'exportSettingsSave' });
  private readonly cancel = el('button', { id: 'export-cancel', type: 'button', 'data-i18n': 'cancel' });
  private readonly submit = el('button', { id: 'export-submit', type: 'submit', class: 'primary', 'data-i18n': 'exportSubmit' });
  private tags: string[] = [];
  private settings: DeskSetting[] = [];
  private busy = false;
  private countToken = 0;
  private countTimer: ReturnType<typeof setTimeout> | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly host: ExportHost) {
    const formats = el(
      'fieldset',
      { class: 'export-formats' },
      el('legend', { 'data-i18n': 'exportFormat' }),
      ...EXPORT_FORMATS.map((format) => this.formatOption(format)),
    );
    const statuses = el(
      'fieldset',
      { class: 'export-statuses' },
      el('legend', { 'data-i18n': 'exportStatuses' }),
      ...STATUSES.map((status) => {
        const input = el('input', { id: `export-status-${status}`, type: 'checkbox', value: status, checked: DEFAULT_STATUSES.includes(status) });
        this.statusInputs.set(status, input);
        return el('label', { class: 'check', for: input.id }, input, el('span', { 'data-status': status }));
      }),
    );
    const articles = el(
      'fieldset',
      { class: 'export-articles' },
      el('legend', { 'data-i18n': 'exportArticle' }),
      el('div', { class: 'check' }, this.articleAll, el('label', { for: 'export-article-all', 'data-i18n': 'exportArticleAll' })),
      el('div', { class: 'check' }, this.articleCurrent, this.articleCurrentLabel),
    );
    const dates = el(
      'fieldset',
      { class: 'export-dates' },
      el('legend', { 'data-i18n': 'exportChanged' }),
      el('label', { for: 'export-since', 'data-i18n': 'exportSince' }),
      this.since,
      el('label', { for: 'export-until', 'data-i18n': 'exportUntil' }),
      this.until,
    );
    const who = el(
      'div',
      { class: 'export-who' },
      el('label', { for: 'export-reviewer', 'data-i18n': 'exportReviewer' }),
      this.reviewer,
      el('label', { for: 'export-tag', 'data-i18n': 'exportTag' }),
      this.tag,
    );
    replace(
      this.desk,
      el('summary', { 'data-i18n': 'exportSettingsHeading' }),
      el('p', { class: 'hint', 'data-i18n': 'exportSettingsHint' }),
      this.deskFields,
      el('div', { class: 'export-desk-buttons' }, this.deskState, this.deskSave),
    );
    this.form = el(
      'form',
      { class: 'dialog export-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'export-heading', novalidate: true },
      el('h2', { id: 'export-heading', 'data-i18n': 'exportHeading' }),
      // The choices scroll when the window is short; the refusal and the buttons stay in view.
      el(
        'div',
        { class: 'export-body' },
        el(
          'div',
          { class: 'export-columns' },
          el('div', { class: 'export-column' }, formats),
          el('div', { class: 'export-column' }, statuses, articles, dates, who),
        ),
        this.desk,
      ),
      this.error,
      el('div', { class: 'dialog-buttons export-buttons' }, this.count, this.cancel, this.submit),
    );
    this.root = el('div', { id: 'export-dialog', class: 'overlay', hidden: true }, this.form);
    this.wire();
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** The format chosen. */
  get format(): ExportFormat {
    for (const [format, input] of this.formatInputs) if (input.checked) return format;
    return 'json';
  }

  /** The claims the dialog's filters select, as the host takes them. */
  choice(): ExportChoice {
    const article = this.host.article();
    return {
      statuses: STATUSES.filter((s) => this.statusInputs.get(s)?.checked),
      article_id: this.articleCurrent.checked && article ? article.id : null,
      since: this.since.value.trim() || null,
      until: this.until.value.trim() || null,
      reviewer: this.reviewer.value || null,
      tag: this.tag.value || null,
    };
  }

  /** Opens the dialog. It keeps the choices of the last export; the lists (reviewers, tags)
   * and the current article are read afresh. */
  open(): void {
    const active = this.root.ownerDocument.activeElement;
    this.returnFocus = active instanceof HTMLElement && !this.root.contains(active) ? active : null;
    this.busy = false;
    this.submit.disabled = false;
    this.hideError();
    this.root.hidden = false;
    this.applyLang();
    this.renderFormat();
    this.scheduleCount(0);
    (this.formatInputs.get(this.format) ?? this.submit).focus();
    // Tags in use across the desk (the claims column only knows the open article's).
    api.listClaims(null).then(
      (claims) => {
        this.tags = [...new Set((claims ?? []).flatMap((c) => c.tags ?? []))].sort((a, b) => a.localeCompare(b));
        this.renderTag();
      },
      () => undefined,
    );
  }

  /** Closes unless an export is on its way. */
  close(): void {
    if (this.busy) return;
    this.root.hidden = true;
    this.returnFocus?.focus();
    this.returnFocus = null;
  }

  applyLang(): void {
    for (const span of Array.from(this.form.querySelectorAll<HTMLElement>('span[data-status]'))) {
      setText(span, statusLabel(span.dataset.status as Status));
    }
    const article = this.host.article();
    if (!article && this.articleCurrent.checked) this.articleAll.checked = true;
    this.articleCurrent.disabled = !article;
    setText(this.articleCurrentLabel, article ? t('exportArticleCurrent', { title: article.title || t('untitled') }) : t('exportArticleNone'));
    this.renderReviewer();
    this.renderTag();
    this.renderSettings();
    this.renderCount(null);
  }

  /** Exports with the dialog's choices: the host checks, asks where, writes. */
  async run(): Promise<void> {
    if (this.busy) return;
    const choice = this.choice();
    if (!choice.statuses.length) {
      this.showError(t('exportNoStatus'));
      this.statusInputs.get('reviewed')?.focus();
      return;
    }
    this.busy = true;
    this.submit.disabled = true;
    this.submit.setAttribute('aria-busy', 'true');
    this.hideError();
    const format = this.format;
    try {
      await this.host.settle();
      const outcome = await api.exportClaims(format, choice, format === 'csv' && this.bom.checked, format === 'claimreview' && this.split.checked);
      this.busy = false;
      // Cancelled in the file dialog: the reviewer may change something and try again.
      if (!outcome) return;
      this.close();
      this.host.exported(outcome);
    } catch (error) {
      this.showError(errorMessage(error));
      // A missing desk setting can be filled in right here: show the first one, ready to type.
      if (format === 'claimreview' && this.settings.some((s) => !s.value)) {
        this.desk.open = true;
        const empty = Array.from(this.deskFields.querySelectorAll<HTMLInputElement>('input[data-key]')).find((i) => !i.value.trim());
        empty?.scrollIntoView?.({ block: 'nearest' });
        empty?.focus();
      }
    } finally {
      this.busy = false;
      this.submit.disabled = false;
      this.submit.removeAttribute('aria-busy');
    }
  }

  // --- building ------------------------------------------------------------------------------

  private formatOption(format: ExportFormat): HTMLElement {
    const input = el('input', { id: `export-format-${format}`, type: 'radio', name: 'export-format', value: format, checked: format === 'json' });
    this.formatInputs.set(format, input);
    const nameKey = `exportFormat_${format}` as Key;
    const aboutKey = `exportFormatAbout_${format}` as Key;
    const option = el(
      'div',
      { class: 'export-format', 'data-format': format },
      input,
      el(
        'label',
        { for: input.id },
        el('span', { class: 'export-format-name', 'data-i18n': nameKey }),
        el('span', { class: 'hint export-format-about', 'data-i18n': aboutKey }),
      ),
    );
    // The options only one format reads sit under it, shown while it is chosen.
    if (format === 'csv') option.append(this.optionRow(this.bom, 'exportBom'));
    if (format === 'claimreview') option.append(this.optionRow(this.split, 'exportSplit'));
    return option;
  }

  private optionRow(input: HTMLInputElement, key: Key): HTMLElement {
    return el('div', { class: 'check export-option', hidden: true }, input, el('label', { for: input.id, 'data-i18n': key }));
  }

  private wire(): void {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    this.cancel.addEventListener('click', () => this.close());
    this.root.addEventListener('click', (event) => {
      if (event.target === this.root) this.close();
    });
    this.form.addEventListener('change', (event) => {
      const target = event.target as HTMLInputElement;
      if (target.name === 'export-format') this.renderFormat();
      if (!this.desk.contains(target)) this.scheduleCount();
    });
    for (const input of [this.since, this.until]) input.addEventListener('input', () => this.scheduleCount());
    this.deskSave.addEventListener('click', () => void this.saveSettings());
    this.root.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      this.close();
    });
  }

  // --- rendering -----------------------------------------------------------------------------

  /** Shows the chosen format's options; for ClaimReview, the desk settings it needs. */
  private renderFormat(): void {
    const format = this.format;
    for (const option of Array.from(this.form.querySelectorAll<HTMLElement>('.export-format'))) {
      const chosen = option.dataset.format === format;
      option.classList.toggle('chosen', chosen);
      const extra = option.querySelector<HTMLElement>('.export-option');
      if (extra) extra.hidden = !chosen;
    }
    this.desk.hidden = format !== 'claimreview';
    if (format === 'claimreview') void this.loadSettings();
  }

  private renderReviewer(): void {
    const chosen = this.reviewer.value;
    const names = this.host.reviewers().map((r) => r.name);
    replace(
      this.reviewer,
      el('option', { value: '' }, t('exportAnyReviewer')),
      ...names.map((name) => el('option', { value: name }, name)),
    );
    this.reviewer.value = names.includes(chosen) ? chosen : '';
  }

  private renderTag(): void {
    const chosen = this.tag.value;
    replace(this.tag, el('option', { value: '' }, t('exportAnyTag')), ...this.tags.map((tag) => el('option', { value: tag }, tag)));
    this.tag.value = this.tags.includes(chosen) ? chosen : '';
  }

  /** Asks the host how many claims the filters select, once the reviewer pauses. */
  private scheduleCount(delay = COUNT_DELAY_MS): void {
    if (this.countTimer) clearTimeout(this.countTimer);
    const token = ++this.countToken;
    const choice = this.choice();
    if (!choice.statuses.length) {
      this.renderCount(0);
      return;
    }
    this.countTimer = setTimeout(() => {
      this.countTimer = null;
      // Closed (or the window replaced) meanwhile: nobody reads the count.
      if (!this.isOpen || !this.root.isConnected) return;
      api.countExport(choice).then(
        (n) => {
          if (token === this.countToken) this.renderCount(n);
        },
        () => {
          // No count is no harm: the export itself says what is wrong.
          if (token === this.countToken) this.renderCount(null);
        },
      );
    }, delay);
  }

  private renderCount(n: number | null): void {
    if (n === null) {
      const known = this.count.dataset.count;
      if (known === undefined || known === '') {
        setText(this.count, '');
        return;
      }
      n = Number(known);
    }
    this.count.dataset.count = String(n);
    setText(this.count, n === 0 ? t('exportCountNone') : plural(n, 'exportCountOne', 'exportCountMany'));
    this.count.classList.toggle('none', n === 0);
  }

  private showError(message: string): void {
    setText(this.error, message);
    this.error.hidden = false;
  }

  private hideError(): void {
    this.error.hidden = true;
    setText(this.error, '');
  }

  // --- ClaimReview desk settings -------------------------------------------------------------

  private async loadSettings(): Promise<void> {
    try {
      this.settings = (await api.claimreviewSettings()) ?? [];
    } catch {
      this.settings = [];
    }
    this.renderSettings();
    if (this.settings.some((s) => !s.value)) this.desk.open = true;
  }

  private renderSettings(): void {
    replace(
      this.deskFields,
      ...this.settings.map((setting) => {
        const id = `export-setting-${setting.key.replace(/\W/g, '-')}`;
        const field = SETTING_FIELDS[setting.key];
        const input = el('input', {
          id,
          type: 'text',
          spellcheck: 'false',
          autocomplete: 'off',
          placeholder: field?.example,
          'data-key': setting.key,
          'aria-invalid': setting.value ? null : 'true',
        });
        input.value = setting.value ?? '';
        return el(
          'div',
          { class: 'export-setting' },
          el('label', { for: id }, field ? t(field.label) : setting.key),
          input,
          el('code', { class: 'hint' }, setting.key),
        );
      }),
    );
    const missing = this.settings.filter((s) => !s.value).map((s) => s.key);
    setText(this.deskState, missing.length ? t('exportSettingsMissing', { keys: missing.join(', ') }) : t('exportSettingsComplete'));
    this.deskState.classList.toggle('missing', missing.length > 0);
  }

  /** Stores the settings the reviewer changed; the host checks each value and says why not. */
  private async saveSettings(): Promise<void> {
    const inputs = Array.from(this.deskFields.querySelectorAll<HTMLInputElement>('input[data-key]'));
    this.deskSave.disabled = true;
    this.hideError();
    try {
      for (const input of inputs) {
        const key = input.dataset.key ?? '';
        const value = input.value.trim();
        const before = this.settings.find((s) => s.key === key)?.value ?? '';
        if (value === before || (!value && !before)) continue;
        try {
          await api.setClaimreviewSetting(key, value);
        } catch (error) {
          this.showError(errorMessage(error));
          input.focus();
          return;
        }
      }
      await this.loadSettings();
      setText(this.deskState, this.settings.every((s) => s.value) ? t('exportSettingsSaved') : this.deskState.textContent ?? '');
    } finally {
      this.deskSave.disabled = false;
    }
  }
}

// --- what the notices say ----------------------------------------------------------------------

/** The notice after an export: how many claims, and where. */
export function exportSummary(outcome: ExportOutcome): string {
  return outcome.split
    ? plural(outcome.claims, 'exportedSplitOne', 'exportedSplitMany', { path: outcome.path })
    : plural(outcome.claims, 'exportedOne', 'exportedMany', { path: outcome.path });
}

/** The export's warnings, one per line (null when there are none). */
export function warningList(warnings: readonly string[]): HTMLElement | null {
  if (!warnings.length) return null;
  return el(
    'div',
    { id: 'export-warnings', class: 'export-warnings' },
    el('strong', null, plural(warnings.length, 'exportWarningsOne', 'exportWarningsMany')),
    el('ul', null, ...warnings.map((w) => el('li', null, w))),
  );
}

/** "Claims imported: 3 new claims, 1 updated, 5 unchanged; 1 new article." */
export function importSummary(report: ImportReport): string {
  const parts = [
    [
      plural(report.claims_created, 'importNewClaimsOne', 'importNewClaimsMany'),
      plural(report.claims_updated, 'importUpdatedOne', 'importUpdatedMany'),
      plural(report.claims_unchanged, 'importUnchangedOne', 'importUnchangedMany'),
    ].join(', '),
  ];
  if (report.claims_skipped) parts.push(plural(report.claims_skipped, 'importSkippedOne', 'importSkippedMany'));
  const articles: string[] = [];
  if (report.articles_created) articles.push(plural(report.articles_created, 'importNewArticlesOne', 'importNewArticlesMany'));
  if (report.versions_added) articles.push(plural(report.versions_added, 'newVersionsOne', 'newVersionsMany'));
  if (articles.length) parts.push(articles.join(', '));
  if (report.reviewers_created) parts.push(plural(report.reviewers_created, 'importNewReviewersOne', 'importNewReviewersMany'));
  return t('importedClaims', { summary: parts.join(t('listSeparator')) });
}

/** One line per claim changed on both sides: which side was kept, and where the other went. */
export function conflictList(report: ImportReport): HTMLElement | null {
  if (!report.conflicts.length) return null;
  return el(
    'ul',
    { id: 'import-conflicts', class: 'import-conflicts' },
    ...report.conflicts.map((c) =>
      el(
        'li',
        { 'data-claim-id': c.claim_id },
        t('importConflict', {
          id: c.claim_id,
          fields: c.fields.map((f) => fieldLabel(f)).join(', '),
          side: t(c.kept === 'file' ? 'importKeptFile' : 'importKeptDesk'),
        }),
      ),
    ),
  );
}
