// The window: header, article list, reader and claims column, wired to the host through api.ts.
import * as api from './api';
import type { Article, Claim, FolderProgress, FolderReport, ImportOutcome, Session, Status, VersionSummary } from './api';
import { ArticleList, articleTitle, renderMeta } from './articles';
import { ClaimsPanel, ratingOf, type TriageAction } from './claims';
import { CompareView } from './compare';
import { Dashboard } from './dashboard';
import { ExportDialog, conflictList, exportSummary, importSummary, warningList } from './exporting';
import { el, errorMessage, replace, setText, trapTab } from './dom';
import { FilterBar, matches } from './filters';
import { Reader, claimForClick } from './highlight';
import { Suggestions } from './suggestions';
import { fieldLabel } from './history';
import { applyI18n, initialLang, lang, plural, setLang, t, type Key } from './i18n';
import { type Action, ShortcutSheet, digitOf, isField, isTextField, shortcutFor } from './keys';
import { selectionToSpan, truncateCp, type Span } from './offsets';
import { progressBar, statusCounts } from './progress';
import { ReviewerChooser, ReviewerDirectory, badge } from './reviewers';
import { UndoStack, stepFields } from './undo';
import { VersionBar, carriedSummary, inTriage, needsTriage, triageCounts } from './versions';

const ARTICLE_KEY = 'claimdesk.article';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** True for an absolute http(s) address with a host: what importUrl can download. */
export function isWebAddress(value: string): boolean {
  const text = value.trim();
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The last component of a file path (either separator). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : path;
}

/** The notice after a folder import: how many articles, new versions, already there, skipped. */
export function folderSummary(report: FolderReport): string {
  const versions = report.imported.filter((o) => o.new_version).length;
  const existing = report.imported.filter((o) => o.existing).length;
  return t('folderSummary', {
    imported: plural(report.imported.length, 'folderImportedOne', 'folderImportedMany'),
    versions: plural(versions, 'newVersionsOne', 'newVersionsMany'),
    existing: plural(existing, 'alreadyThereOne', 'alreadyThereMany'),
    skipped: plural(report.failed.length, 'filesSkippedOne', 'filesSkippedMany'),
  });
}

/** The shortcuts that act on the open article's claims: off while the dashboard is shown. */
const ARTICLE_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'next', 'prev', 'nextArticle', 'prevArticle', 'newClaim', 'note', 'search', 'verdict', 'clearVerdict',
  'status:draft', 'status:in_review', 'status:reviewed', 'status:published', 'status:rejected', 'review', 'undo', 'redo',
  'confirmAnchor', 'reattach', 'triage', 'versions',
]);

/** A quote cut short for a notice. */
function shortQuote(quote: string): string {
  return truncateCp(quote.replace(/\s+/g, ' '), 40);
}

export class App {
  session: Session | null = null;
  article: Article | null = null;
  readonly root: HTMLElement;
  readonly articles: ArticleList;
  readonly panel: ClaimsPanel;
  readonly reader: Reader;
  readonly filters: FilterBar;
  readonly dashboard: Dashboard;
  readonly compare: CompareView;
  readonly chooser: ReviewerChooser;
  readonly sheet: ShortcutSheet;
  readonly exportDialog: ExportDialog;
  readonly reviewers = new ReviewerDirectory();
  readonly undo = new UndoStack();
  /** The open article's versions (oldest first; empty when the host could not list them). */
  versions: VersionSummary[] = [];
  /** The open article's latest version: claims are made and re-attached on it. */
  latest: number | null = null;
  /** Above the reader: the version shown, compare, import a new version. */
  readonly versionBar = new VersionBar({
    choose: (n) => this.showVersion(n),
    compare: () => this.openCompare(),
    newVersion: () => this.openNewVersion(),
  });

  /** Suggestions: underlines on what is worth checking, above the text their toggle and counts. */
  readonly suggestions = new Suggestions({
    articleId: () => this.article?.id ?? null,
    readOnly: () => this.readOnly,
    underline: (ranges) => {
      this.reader.suggest(this.panel.claims, ranges);
      this.paint();
    },
    marks: (index) => this.reader.suggestionMarks(index),
    accepted: (claim, suggestion) => this.placeNewClaim(claim, t('suggestAccepted', { text: shortQuote(suggestion.text) })),
    error: (message) => this.showError(message),
  });

  /** The acting reviewer's name (#reviewer) inside the badge button that switches reviewer. */
  private readonly reviewer = el('span', { id: 'reviewer', class: 'reviewer' }, '—');
  private readonly reviewerInitials = el('span', { class: 'badge-slot' });
  private readonly reviewerButton = el(
    'button',
    { id: 'reviewer-badge', type: 'button', class: 'reviewer-badge', 'aria-haspopup': 'dialog' },
    this.reviewerInitials,
    this.reviewer,
  );
  private readonly dashboardButton = el('button', { id: 'dashboard-button', type: 'button', 'data-i18n': 'dashboardButton', 'data-i18n-title': 'dashboardButtonTitle', 'aria-pressed': 'false' });
  private readonly shortcutsButton = el('button', { id: 'shortcuts-button', type: 'button', class: 'icon-button', 'data-i18n-title': 'keysHeading', 'data-i18n-aria-label': 'keysHeading' }, '?');
  private readonly claimsProgress = el('div', { id: 'claims-progress', class: 'claims-progress' });
  /** What the article's claims need since it changed: "To triage: 1 to confirm · 1 orphaned". */
  private readonly triageCount = el('button', { id: 'triage-count', type: 'button', class: 'triage-count', hidden: true });
  private readonly importFileButton = el('button', { id: 'import-file', type: 'button', 'data-i18n': 'importFile' });
  private readonly importPasteButton = el('button', { id: 'import-paste', type: 'button', 'data-i18n': 'importPaste' });
  private readonly importFolderButton = el('button', {
    id: 'import-folder',
    type: 'button',
    'data-i18n': 'importFolder',
    'data-i18n-title': 'importFolderTitle',
  });
  /** Opens the export dialog (its id is older than the dialog: JSON was the only format). */
  private readonly exportButton = el('button', { id: 'export-json', type: 'button', 'data-i18n': 'exportOpen', 'data-i18n-title': 'exportTitle', 'aria-haspopup': 'dialog' });
  private readonly importClaimsButton = el('button', { id: 'import-claims', type: 'button', 'data-i18n': 'importClaims', 'data-i18n-title': 'importClaimsTitle' });
  private readonly langButton = el(
    'button',
    { id: 'lang', type: 'button', class: 'lang-toggle' },
    el('span', { 'data-lang': 'en' }, 'EN'),
    el('span', { 'data-lang': 'fr' }, 'FR'),
  );
  private readonly errorText = el('span', { class: 'banner-text' });
  private readonly errorBanner = el(
    'div',
    { id: 'error-banner', class: 'banner error', role: 'alert', hidden: true },
    el('strong', { class: 'banner-label', 'data-i18n': 'error' }),
    this.errorText,
    el('button', { id: 'error-dismiss', type: 'button', class: 'link', 'data-i18n': 'dismiss' }),
  );
  private readonly noticeText = el('span', { class: 'banner-text' });
  /** What goes with the notice's text (the skipped files of a folder import). */
  private readonly noticeExtra = el('div', { class: 'notice-extra', hidden: true });
  private readonly notice = el(
    'div',
    { id: 'notice', class: 'banner info', role: 'status', hidden: true },
    el('div', { class: 'banner-body' }, this.noticeText, this.noticeExtra),
    el('button', { id: 'notice-dismiss', type: 'button', class: 'link', 'data-i18n': 'dismiss' }),
  );
  private readonly progressBar = el('progress', { id: 'import-progress-bar', class: 'progress-bar' });
  private readonly progressCount = el('span', { id: 'import-progress-count', class: 'progress-count' });
  private readonly progressFile = el('span', { id: 'import-progress-file', class: 'progress-file' });
  private readonly progressSkipped = el('span', { id: 'import-progress-skipped', class: 'progress-skipped' });
  private readonly importProgress = el(
    'div',
    { id: 'import-progress', class: 'banner info progress-banner', role: 'status', 'aria-live': 'polite', hidden: true },
    el('strong', { class: 'banner-label', 'data-i18n': 'folderImporting' }),
    this.progressBar,
    this.progressCount,
    this.progressFile,
    this.progressSkipped,
  );
  private readonly pasteText = el('textarea', { id: 'paste-text', rows: 14, spellcheck: 'false' });
  private readonly pasteUrl = el('input', {
    id: 'paste-url',
    type: 'text',
    inputmode: 'url',
    autocomplete: 'off',
    spellcheck: 'false',
    'data-i18n-placeholder': 'urlPlaceholder',
  });
  private readonly pasteSubmit = el('button', { id: 'paste-submit', type: 'submit', class: 'primary', 'data-i18n': 'pasteSubmit' });
  private readonly pasteCancel = el('button', { id: 'paste-cancel', type: 'button', 'data-i18n': 'cancel' });
  private readonly pasteHeading = el('h2', { id: 'paste-heading' });
  /** Ticked: what is imported is a new version of the open article. */
  private readonly pasteAsVersion = el('input', { id: 'paste-version-of', type: 'checkbox' });
  private readonly pasteVersionLabel = el('label', { for: 'paste-version-of', id: 'paste-version-label' });
  private readonly pasteVersionRow = el('div', { class: 'paste-version', hidden: true }, this.pasteAsVersion, this.pasteVersionLabel);
  private readonly pasteVersionHint = el('p', { id: 'paste-version-hint', class: 'hint', hidden: true, 'data-i18n': 'pasteVersionHint' });
  private readonly pasteUrlHint = el('p', { id: 'paste-url-hint', class: 'hint', 'data-i18n': 'pasteUrlHint' });
  private readonly pasteFile = el('button', { id: 'paste-file', type: 'button', hidden: true, 'data-i18n': 'pasteFile' });
  private readonly pastePanel = el(
    'div',
    { id: 'paste-panel', class: 'overlay', hidden: true },
    el(
      'form',
      { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'paste-heading' },
      this.pasteHeading,
      el('label', { for: 'paste-text', 'data-i18n': 'pasteText' }),
      el('p', { class: 'hint', 'data-i18n': 'pasteTextHint' }),
      this.pasteText,
      el('label', { for: 'paste-url', 'data-i18n': 'pasteUrl' }),
      this.pasteUrl,
      this.pasteUrlHint,
      this.pasteVersionRow,
      this.pasteVersionHint,
      el('div', { class: 'dialog-buttons' }, this.pasteFile, this.pasteCancel, this.pasteSubmit),
    ),
  );
  private readonly title = el('h1', { id: 'article-title' });
  private readonly meta = el('p', { id: 'article-meta', class: 'article-meta' });
  private readonly text = el('div', { id: 'article-text', class: 'article-text' });
  private readonly readerColumn = el(
    'section',
    { id: 'reader', class: 'reader' },
    el(
      'article',
      { class: 'reader-inner' },
      this.versionBar.root,
      this.versionBar.readOnly,
      this.suggestions.bar,
      this.title,
      this.meta,
      this.text,
    ),
  );
  private readonly makeClaimButton = el('button', {
    id: 'make-claim',
    type: 'button',
    class: 'make-claim primary',
    hidden: true,
    'data-i18n': 'makeClaim',
    'data-i18n-title': 'makeClaimTitle',
  });
  /** Beside "Make claim" when the claim selected is to triage: re-attach it to the selection. */
  private readonly reattachHereButton = el('button', {
    id: 'reattach-here',
    type: 'button',
    class: 'make-claim reattach-here',
    hidden: true,
    'data-i18n': 'reattachHere',
    'data-i18n-title': 'reattachReady',
  });

  private readonly workspace: HTMLElement;
  private openToken = 0;
  private creating = false;
  /** Undo and redo steps run one after the other. */
  private undoChain: Promise<void> = Promise.resolve();
  /** A paste or a download from the paste panel is on its way to the host. */
  private pasteBusy = false;
  /** The last progress step of the folder import running, if one is. */
  private folderStep: FolderProgress | null = null;
  private folderSkipped = 0;
  private folderRunning = false;

  constructor(mount: HTMLElement) {
    this.articles = new ArticleList((id) => void this.openArticle(id));
    this.reader = new Reader(this.text);
    this.panel = new ClaimsPanel({
      session: () => this.session,
      reviewer: (name) => this.reviewers.get(name),
      selected: (id, reveal) => {
        this.paint();
        if (reveal && id) this.reader.scrollTo(id);
        // "Re-attach the selected claim here" follows the claim selected.
        if (!this.makeClaimButton.hidden || !this.reattachHereButton.hidden) this.updateMakeClaim();
      },
      changed: () => this.claimsChanged(),
      refused: (message) => this.showError(message),
      edited: (step, run) => this.undo.record(step, run),
      sealed: () => this.undo.seal(),
      triage: (action, id) => void this.triage(action, id),
    });
    this.compare = new CompareView({
      close: () => this.closeCompare(),
      select: (id) => this.selectFromCompare(id),
    });
    this.filters = new FilterBar(() => this.applyFilters());
    this.dashboard = new Dashboard({
      session: () => this.session,
      blind: (claim) => this.panel.isBlind(claim),
      open: (id) => {
        this.closeDashboard();
        void this.openArticle(id);
      },
      close: () => this.closeDashboard(),
    });
    this.chooser = new ReviewerChooser({ choose: (name) => this.chooseReviewer(name) });
    this.sheet = new ShortcutSheet();
    this.exportDialog = new ExportDialog({
      article: () => this.article,
      reviewers: () => this.reviewers.list(),
      // A status change still on its way must be in the export.
      settle: () => this.panel.queue.idle(),
      exported: (outcome) => this.showNotice(exportSummary(outcome), warningList(outcome.warnings)),
    });
    this.workspace = el(
      'main',
      { class: 'workspace' },
      el(
        'nav',
        { class: 'column articles-column', 'data-i18n-aria-label': 'articlesHeading' },
        el('h2', { class: 'column-heading', 'data-i18n': 'articlesHeading' }),
        this.articles.root,
      ),
      this.readerColumn,
      el(
        'aside',
        { class: 'column claims-column', 'data-i18n-aria-label': 'claimsHeading' },
        el('h2', { class: 'column-heading', 'data-i18n': 'claimsHeading' }),
        this.claimsProgress,
        this.triageCount,
        this.filters.root,
        this.panel.list,
        this.panel.editor,
      ),
    );

    this.root = el(
      'div',
      { class: 'app' },
      el(
        'header',
        { class: 'topbar' },
        el('div', { class: 'brand' }, el('span', { class: 'app-name', 'data-i18n': 'appName' }), this.reviewerButton),
        el(
          'div',
          { class: 'actions' },
          this.importFileButton,
          this.importFolderButton,
          this.importPasteButton,
          this.exportButton,
          this.importClaimsButton,
          this.dashboardButton,
          this.langButton,
          this.shortcutsButton,
        ),
      ),
      this.errorBanner,
      this.notice,
      this.importProgress,
      this.workspace,
      this.dashboard.root,
      this.compare.root,
      this.pastePanel,
      this.chooser.root,
      this.sheet.root,
      this.exportDialog.root,
      this.makeClaimButton,
      this.reattachHereButton,
      this.suggestions.card,
    );
    replace(mount, this.root);
    for (const dialog of [this.pastePanel, this.chooser.root, this.sheet.root, this.exportDialog.root]) trapTab(dialog);
    this.wire();
  }

  async start(): Promise<void> {
    // Closing the window waits for the edits still queued, so the last keystrokes are stored.
    api.onWindowClose(() => this.panel.queue.idle()).catch((error) => this.showError(errorMessage(error)));
    setLang(initialLang(), null);
    this.applyLang();
    this.showNoArticle();
    const [session, articles, reviewers] = await Promise.allSettled([api.session(), api.listArticles(), api.listReviewers()]);
    if (reviewers.status === 'fulfilled') this.reviewers.set(reviewers.value ?? []);
    if (session.status === 'fulfilled') {
      this.applySession(session.value);
      if (session.value.backup) this.showNotice(t('databaseBackedUp', { path: session.value.backup }));
    } else {
      this.showError(errorMessage(session.reason));
    }
    if (articles.status === 'fulfilled') {
      this.articles.set(articles.value);
      const remembered = storage()?.getItem(ARTICLE_KEY);
      const first = articles.value.find((a) => a.id === remembered) ?? articles.value[0];
      if (first) await this.openArticle(first.id);
    } else {
      this.showError(errorMessage(articles.reason));
    }
    // Nobody named on the command line: ask who is reviewing, the OS user preselected.
    if (this.session && !this.session.chosen) this.openChooser(true);
  }

  // --- reviewer -----------------------------------------------------------------------------

  private applySession(session: Session): void {
    this.session = session;
    this.reviewers.add(session.reviewer);
    this.renderReviewer();
    this.panel.applyLang();
    this.refreshSide();
  }

  private renderReviewer(): void {
    const me = this.session?.reviewer;
    setText(this.reviewer, me?.name ?? '—');
    replace(this.reviewerInitials, me ? badge(me.name, me) : null);
    const title = me ? t('reviewerBadgeTitle', { name: me.name }) : t('reviewerTitle');
    this.reviewerButton.setAttribute('title', title);
    this.reviewerButton.setAttribute('aria-label', title);
  }

  /** Opens the "who is reviewing?" chooser with the known reviewers (asked afresh). */
  openChooser(required = false): void {
    const current = this.session?.reviewer.name ?? '';
    this.chooser.open(this.reviewers.list(), current, required);
    api.listReviewers().then(
      (list) => {
        this.reviewers.set(list ?? []);
        if (this.session) this.reviewers.add(this.session.reviewer);
        if (this.chooser.isOpen) this.chooser.refresh(this.reviewers.list());
      },
      () => undefined,
    );
  }

  /**
   * Makes `name` the acting reviewer, then reloads what depends on who is reviewing: which
   * verdicts are blind, the claims and the article list, and the undo steps (theirs only).
   */
  async chooseReviewer(name: string): Promise<void> {
    // Edits still on their way belong to the reviewer who made them.
    await this.panel.queue.idle();
    const before = this.session?.reviewer.name;
    const session = await api.chooseReviewer(name);
    this.applySession(session);
    if (before !== session.reviewer.name) this.undo.clear();
    this.panel.resetReviewer();
    const selected = this.panel.selectedId;
    await this.refreshArticles();
    if (this.article) await this.openArticle(this.article.id, selected, true);
    if (this.dashboard.isOpen) void this.dashboard.load();
    this.showNotice(t('reviewerSwitched', { name: session.reviewer.name }));
  }

  // --- wiring -------------------------------------------------------------------------------

  private wire(): void {
    this.importFileButton.addEventListener('click', () => void this.importFile());
    this.importFolderButton.addEventListener('click', () => void this.importFolder());
    this.importPasteButton.addEventListener('click', () => this.openPaste());
    this.exportButton.addEventListener('click', () => this.openExport());
    this.importClaimsButton.addEventListener('click', () => void this.importClaims());
    this.reviewerButton.addEventListener('click', () => this.openChooser(false));
    this.dashboardButton.addEventListener('click', () => this.toggleDashboard());
    this.shortcutsButton.addEventListener('click', () => this.sheet.open());
    // Ctrl+Enter in the pasted text imports it, without going to the button.
    this.pasteText.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.submitPaste();
      }
    });
    this.langButton.addEventListener('click', () => {
      setLang(lang() === 'fr' ? 'en' : 'fr');
      this.applyLang();
    });
    this.errorBanner.querySelector('button')?.addEventListener('click', () => this.dismissError());
    this.notice.querySelector('#notice-dismiss')?.addEventListener('click', () => {
      this.notice.hidden = true;
    });

    this.pastePanel.querySelector('form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submitPaste();
    });
    this.pasteCancel.addEventListener('click', () => this.closePaste());
    this.pasteAsVersion.addEventListener('change', () => this.renderPasteMode());
    this.pasteFile.addEventListener('click', () => {
      const versionOf = this.pasteVersionOf();
      this.closePaste();
      void this.importFile(versionOf);
    });
    this.triageCount.addEventListener('click', () => this.goToTriage());
    this.pasteText.addEventListener('input', () => this.renderPasteSubmit());
    this.pasteUrl.addEventListener('input', () => this.renderPasteSubmit());
    this.pastePanel.addEventListener('click', (event) => {
      if (event.target === this.pastePanel) this.closePaste();
    });

    const doc = this.root.ownerDocument;
    doc.addEventListener('selectionchange', () => this.updateMakeClaim());
    this.text.addEventListener('mouseup', () => {
      // The selection is final only once the mouseup has been handled.
      setTimeout(() => this.updateMakeClaim(), 0);
    });
    this.readerColumn.addEventListener('scroll', () => {
      if (!this.makeClaimButton.hidden) this.updateMakeClaim();
    });
    // Keep the selection when the button is pressed.
    this.makeClaimButton.addEventListener('mousedown', (event) => event.preventDefault());
    this.makeClaimButton.addEventListener('click', () => void this.makeClaim());
    this.reattachHereButton.addEventListener('mousedown', (event) => event.preventDefault());
    this.reattachHereButton.addEventListener('click', () => {
      if (this.panel.selectedId) void this.reattach(this.panel.selectedId);
    });

    this.text.addEventListener('click', (event) => {
      const target = event.target as Element;
      const selection = doc.getSelection();
      if (selection && !selection.isCollapsed && selectionToSpan(this.text, selection)) return;
      // A claim's highlight selects the claim; an underline elsewhere opens its suggestion.
      const mark = target.closest<HTMLElement>('mark.claim');
      if (mark) {
        this.panel.select(claimForClick(mark, this.panel.selectedId));
        return;
      }
      const suggested = target.closest<HTMLElement>('[data-suggestion]');
      if (suggested) this.suggestions.openCard(Number(suggested.dataset.suggestion));
    });
    // A click elsewhere closes a suggestion's card.
    doc.addEventListener('mousedown', (event) => {
      const target = event.target as Element | null;
      if (this.suggestions.isOpen && target && !this.suggestions.card.contains(target) && !target.closest?.('[data-suggestion]')) {
        this.suggestions.close();
      }
    });

    doc.addEventListener('keydown', (event) => this.onKey(event));
  }

  // --- keyboard -----------------------------------------------------------------------------

  /** The window's shortcuts (keys.ts lists them). Dialogs keep the keyboard while they are open. */
  private onKey(event: KeyboardEvent): void {
    // A window no longer shown (replaced by another) leaves the keys to the one that is.
    if (event.defaultPrevented || !this.root.isConnected) return;
    const active = this.root.ownerDocument.activeElement;
    if (this.sheet.isOpen) {
      if (event.key === 'Escape' || (event.key === '?' && !isField(active))) {
        event.preventDefault();
        this.sheet.close();
      }
      return;
    }
    if (this.chooser.isOpen || this.exportDialog.isOpen) return; // they handle their own keys
    if (!this.pastePanel.hidden) {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.closePaste();
      }
      return;
    }
    if (event.key === 'Escape') {
      this.escape(event, active);
      return;
    }
    const shortcut = shortcutFor(event, isTextField(active), isField(active));
    if (!shortcut) return;
    if ((this.dashboard.isOpen || this.compare.isOpen) && ARTICLE_ACTIONS.has(shortcut.action)) return;
    if (this.run(shortcut.action, event, active) !== false) event.preventDefault();
  }

  /** Escape leaves what is open: the dashboard, else the field being typed in (back to the list,
   * where j/k and the other keys work again). */
  private escape(event: KeyboardEvent, active: Element | null): void {
    if (this.suggestions.isOpen) {
      event.preventDefault();
      this.suggestions.close();
      return;
    }
    if (this.dashboard.isOpen) {
      event.preventDefault();
      this.closeDashboard();
      return;
    }
    if (this.compare.isOpen) {
      event.preventDefault();
      this.closeCompare();
      return;
    }
    if (active instanceof HTMLElement && isField(active) && this.root.contains(active)) {
      event.preventDefault();
      active.blur();
      this.panel.focusSelected();
    }
  }

  /** Runs a shortcut's action; false when it does not apply (the key then does what it does). */
  private run(action: Action, event: KeyboardEvent, active: Element | null): boolean {
    switch (action) {
      case 'next':
      case 'prev': {
        // The arrows move between claims only from the list (elsewhere they scroll).
        if (event.key.startsWith('Arrow') && !this.arrowsNavigate(active)) return false;
        this.panel.step(action === 'next' ? 1 : -1);
        return true;
      }
      case 'nextArticle':
      case 'prevArticle':
        return this.stepArticle(action === 'nextArticle' ? 1 : -1);
      case 'newClaim': {
        if (event.key === 'Enter' && active instanceof HTMLElement && active.closest('button, a, summary')) return false;
        if (!this.article || !selectionToSpan(this.text)) return false;
        if (this.readOnly) {
          this.showNotice(t('makeClaimLatestOnly', { n: this.latest ?? '' }));
          return true;
        }
        void this.makeClaim();
        return true;
      }
      case 'confirmAnchor':
        if (!this.panel.selectedId) this.showNotice(t('selectClaimFirst'));
        else void this.confirm(this.panel.selectedId);
        return true;
      case 'reattach':
        if (!this.panel.selectedId) this.showNotice(t('selectClaimFirst'));
        else void this.reattach(this.panel.selectedId);
        return true;
      case 'triage':
        this.goToTriage();
        return true;
      case 'versions':
        if (!this.article) this.showNotice(t('noArticleOpen'));
        else this.versionBar.focus();
        return true;
      case 'compare':
        if (this.compare.isOpen) this.closeCompare();
        else this.openCompare();
        return true;
      case 'newVersion':
        this.openNewVersion();
        return true;
      case 'note':
        if (!this.panel.focusNote()) this.showNotice(t('selectClaimFirst'));
        return true;
      case 'search':
        this.filters.focusSearch();
        return true;
      case 'verdict':
      case 'clearVerdict':
        this.verdictKey(action === 'verdict' ? digitOf(event) ?? 0 : 0);
        return true;
      case 'review': {
        if (!this.panel.get(this.panel.selectedId)) this.showNotice(t('selectClaimFirst'));
        else if (this.panel.review.canReview()) this.panel.review.focusVerdict();
        else this.showNotice(t('reviewOwnClaim'));
        return true;
      }
      case 'reviewer':
        this.openChooser(false);
        return true;
      case 'paste':
        this.openPaste();
        return true;
      case 'importFile':
        void this.importFile();
        return true;
      case 'importFolder':
        void this.importFolder();
        return true;
      case 'export':
        this.openExport();
        return true;
      case 'dashboard':
        this.toggleDashboard();
        return true;
      case 'suggestions':
        void this.suggestions.setOn(!this.suggestions.shown);
        return true;
      case 'nextSuggestion':
        if (!this.article) this.showNotice(t('noArticleOpen'));
        else if (!this.suggestions.shown) void this.suggestions.setOn(true);
        else if (!this.suggestions.step(1)) this.showNotice(t('suggestionsNone'));
        return true;
      case 'help':
        this.sheet.open();
        return true;
      case 'undo':
      case 'redo':
        this.undoStep(action);
        return true;
      default: {
        const status = action.startsWith('status:') ? (action.slice(7) as Status) : null;
        if (!status) return false;
        const refusal = this.panel.setStatus(status);
        if (refusal) this.showError(refusal);
        return true;
      }
    }
  }

  private arrowsNavigate(active: Element | null): boolean {
    const body = this.root.ownerDocument.body;
    return !active || active === body || this.panel.list.contains(active);
  }

  /** A digit key: the n-th rating of the scale (0: none) as the claim's verdict, or, on a claim
   * someone else made, as the acting reviewer's own review (never showing the author's). */
  private verdictKey(n: number): void {
    const claim = this.panel.get(this.panel.selectedId);
    if (!claim) {
      this.showNotice(t('selectClaimFirst'));
      return;
    }
    const rating = n > 0 ? this.session?.scale.ratings[n - 1] : null;
    if (n > 0 && !rating) {
      this.showNotice(t('noSuchRating', { n, count: this.session?.scale.ratings.length ?? 0 }));
      return;
    }
    const key = rating?.key ?? '';
    if (this.panel.review.canReview()) this.panel.review.setVerdict(key);
    else this.panel.setVerdict(key);
  }

  private stepArticle(delta: 1 | -1): boolean {
    const ids = this.articles.ids();
    if (!ids.length) return false;
    const at = this.article ? ids.indexOf(this.article.id) : -1;
    const next = ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
    if (next && next !== this.article?.id) void this.openArticle(next);
    return true;
  }

  // --- undo ---------------------------------------------------------------------------------

  /** Undoes (or redoes) the acting reviewer's last change to a claim, opening its article first. */
  private undoStep(direction: 'undo' | 'redo'): void {
    this.undoChain = this.undoChain.then(() => this.runUndo(direction));
  }

  private async runUndo(direction: 'undo' | 'redo'): Promise<void> {
    const step = direction === 'undo' ? this.undo.undo() : this.undo.redo();
    if (!step) {
      this.showNotice(t(direction === 'undo' ? 'nothingToUndo' : 'nothingToRedo'));
      return;
    }
    try {
      if (this.article?.id !== step.articleId) await this.openArticle(step.articleId);
      if (!this.panel.get(step.claimId)) throw new Error(t('undoClaimGone'));
      this.panel.select(step.claimId, true);
      const claim = await this.panel.apply(step.claimId, direction === 'undo' ? step.before : step.after);
      const what = stepFields(step).map((f) => fieldLabel(f)).join(', ');
      const quote = truncateCp(claim.quote.replace(/\s+/g, ' '), 40);
      this.showNotice(t(direction === 'undo' ? 'undone' : 'redone', { what, quote }));
    } catch (error) {
      this.undo.failed(step, direction);
      this.showError(t(direction === 'undo' ? 'undoFailed' : 'redoFailed', { message: errorMessage(error) }));
    }
  }

  // --- dashboard ----------------------------------------------------------------------------

  toggleDashboard(): void {
    if (this.dashboard.isOpen) this.closeDashboard();
    else this.openDashboard();
  }

  openDashboard(): void {
    this.closeCompare(false);
    this.workspace.hidden = true;
    this.hideFloating();
    this.dashboard.root.hidden = false;
    this.dashboardButton.setAttribute('aria-pressed', 'true');
    this.dashboard.focus();
    void this.dashboard.load();
  }

  closeDashboard(): void {
    if (!this.dashboard.isOpen) return;
    this.dashboard.root.hidden = true;
    this.workspace.hidden = false;
    this.dashboardButton.setAttribute('aria-pressed', 'false');
    this.panel.focusSelected();
  }

  // --- versions -----------------------------------------------------------------------------

  /** True while an earlier version of the open article is shown: read-only. */
  get readOnly(): boolean {
    return !!this.article && this.latest !== null && this.article.version < this.latest;
  }

  /** Shows version `number` of the open article (the latest as usual; an earlier one read-only). */
  showVersion(number: number): void {
    const article = this.article;
    if (!article || number === article.version) return;
    void this.openArticle(article.id, this.panel.selectedId, false, this.latest !== null && number >= this.latest ? null : number);
  }

  /** The versions the compare view offers: as listed, or numbered when the host could not list them. */
  private versionList(): VersionSummary[] {
    if (this.versions.length) return this.versions;
    const article = this.article;
    const count = this.latest ?? article?.version ?? 0;
    return Array.from({ length: count }, (_, i) => ({
      number: i + 1,
      sha256: '',
      title: article?.title ?? null,
      url: article?.url ?? null,
      published: null,
      modified: null,
      imported: '',
      imported_by: '',
      chars: 0,
      claims: 0,
    }));
  }

  /** The version view: the diff between two versions with the claims' fate on it. */
  openCompare(): void {
    const article = this.article;
    if (!article) {
      this.showNotice(t('noArticleOpen'));
      return;
    }
    if (this.versionBar.count < 2) {
      this.showNotice(t('versionCompareOne'));
      return;
    }
    this.closeDashboard();
    this.workspace.hidden = true;
    this.hideFloating();
    // The article as it now reads (an earlier version may be the one shown).
    const versions = this.versionList();
    const title = articleTitle({ title: versions[versions.length - 1]?.title ?? article.title });
    void this.compare.open(article.id, title, versions, this.panel.claims);
    this.compare.focus();
  }

  closeCompare(focus = true): void {
    if (!this.compare.isOpen) return;
    this.compare.close();
    this.workspace.hidden = false;
    if (focus) this.panel.focusSelected();
  }

  /** A claim clicked in the version view: back to the article, with the claim selected (on the
   * latest version if it is drawn there). */
  private selectFromCompare(id: string): void {
    this.closeCompare(false);
    const claim = this.panel.get(id);
    const article = this.article;
    if (!claim || !article) return;
    if (claim.version !== article.version && claim.version === this.latest) {
      void this.openArticle(article.id, id, false, null).then(() => {
        this.panel.select(id, true);
        this.panel.focusSelected();
      });
      return;
    }
    this.panel.select(id, true);
    this.panel.focusSelected();
  }

  /** The paste panel set to import a new version of the open article. */
  openNewVersion(): void {
    if (!this.article) {
      this.showNotice(t('noArticleOpen'));
      return;
    }
    this.openPaste(true);
  }

  // --- triage -------------------------------------------------------------------------------

  /** Selects the first claim to triage (T, the notice's button, the count in the claims column). */
  goToTriage(): void {
    this.closeDashboard();
    this.closeCompare(false);
    if (!this.panel.focusTriage()) this.showNotice(t('triageNothing'));
  }

  private triage(action: TriageAction, id: string): Promise<void> {
    if (action === 'reattach') return this.reattach(id);
    if (action === 'keep') return this.keep(id);
    return this.confirm(id);
  }

  /** The triage actions on their way, one per claim at most. */
  private readonly triaging = new Set<string>();

  /** Runs a triage action for claim `id`: its buttons are disabled until the host answers. */
  private async triageCall(id: string, call: () => Promise<Claim>, done: (before: Claim, after: Claim) => void): Promise<void> {
    const before = this.panel.get(id);
    const article = this.article;
    if (!before || !article || this.triaging.has(id)) return;
    this.triaging.add(id);
    this.panel.setTriageBusy(id, true);
    try {
      const after = await call();
      if (this.article?.id !== article.id) return;
      this.place(before, after);
      done(before, after);
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.triaging.delete(id);
      this.panel.setTriageBusy(id, false);
    }
  }

  /** A claim the host moved or re-stated: the list, the highlights where it was and where it is. */
  private place(before: Claim, after: Claim): void {
    this.panel.update(after);
    const shown = this.article?.version;
    if (before.version === shown) this.reader.refresh(this.panel.claims, before.start, before.end);
    if (after.version === shown) this.reader.refresh(this.panel.claims, after.start, after.end);
    this.paint();
    this.refreshSide();
  }

  /**
   * Puts an orphaned (or changed) claim on the passage selected in the text of the latest
   * version (code points, as selectionToSpan converts the DOM selection).
   */
  async reattach(id: string): Promise<void> {
    const claim = this.panel.get(id);
    if (!claim) {
      this.showNotice(t('selectClaimFirst'));
      return;
    }
    if (!inTriage(claim)) {
      this.showNotice(t('reattachNotTriage'));
      return;
    }
    if (this.readOnly) {
      this.showNotice(t('reattachNeedsLatest', { n: this.latest ?? '' }));
      return;
    }
    const span = selectionToSpan(this.text);
    if (!span) {
      this.showNotice(t('reattachNeedsSelection'));
      return;
    }
    await this.triageCall(
      id,
      () => api.reattachClaim(id, span.start, span.end),
      (_, after) => {
        this.root.ownerDocument.getSelection()?.removeAllRanges();
        this.hideFloating();
        this.panel.select(after.id, true);
        this.showNotice(t('reattached', { quote: shortQuote(after.quote) }));
      },
    );
  }

  /** Keeps an orphan as a claim about the version it refers to. */
  async keep(id: string): Promise<void> {
    const claim = this.panel.get(id);
    if (!claim) return;
    if (claim.anchor_state !== 'orphaned') {
      this.showNotice(t('reattachNotTriage'));
      return;
    }
    await this.triageCall(
      id,
      () => api.keepOnVersion(id),
      (_, after) => this.showNotice(t('keptDone', { quote: shortQuote(after.quote), n: after.version })),
    );
  }

  /** Accepts the new wording of a changed claim. */
  async confirm(id: string): Promise<void> {
    const claim = this.panel.get(id);
    if (!claim) return;
    if (claim.anchor_state !== 'changed') {
      this.showNotice(t('nothingToConfirm'));
      return;
    }
    await this.triageCall(
      id,
      () => api.confirmAnchor(id),
      (_, after) => this.showNotice(t('confirmed', { quote: shortQuote(after.quote) })),
    );
  }

  // --- claims column: filters and progress --------------------------------------------------

  /** The filters changed: the list, the count and the highlights follow. */
  private applyFilters(): void {
    const filters = this.filters.value;
    this.panel.setVisible((c) => matches(c, filters, this.panel.isBlind(c)));
    const { shown, total } = this.panel.counts();
    this.filters.showCount(shown, total);
    this.paint();
  }

  /** A claim changed (a save, a review, a verdict shown): repaint and recount. */
  private claimsChanged(): void {
    this.paint();
    this.refreshSide();
  }

  /** The progress, the filters' options and count, and the article's counts in the list. */
  private refreshSide(): void {
    const claims = this.panel.claims;
    replace(this.claimsProgress, this.article ? progressBar(statusCounts(claims), false, 'claims-progress-bar') : null);
    this.renderTriageCount();
    this.filters.update(claims, this.session, claims.some((c) => this.panel.isBlind(c)));
    const { shown, total } = this.panel.counts();
    this.filters.showCount(shown, total);
    if (this.article) this.articles.updateCounts(this.article.id, claims);
  }

  /** "To triage: 1 to confirm · 2 orphaned" in the claims column, while anything needs it. */
  private renderTriageCount(): void {
    const counts = triageCounts(this.panel.claims);
    const pending = counts.changed + counts.orphaned;
    this.triageCount.hidden = !this.article || pending === 0;
    this.triageCount.dataset.changed = String(counts.changed);
    this.triageCount.dataset.orphaned = String(counts.orphaned);
    this.triageCount.setAttribute('title', t('triageCountTitle'));
    const parts: Node[] = [];
    if (counts.changed) parts.push(el('span', { class: 'triage-confirm' }, plural(counts.changed, 'triageToConfirmOne', 'triageToConfirmMany')));
    if (counts.orphaned) {
      if (parts.length) parts.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
      parts.push(el('span', { class: 'triage-orphans' }, plural(counts.orphaned, 'triageOrphansOne', 'triageOrphansMany')));
    }
    replace(this.triageCount, el('span', { class: 'triage-count-label' }, t('triageCountLabel')), ' ', ...parts);
  }

  // --- language -----------------------------------------------------------------------------

  applyLang(): void {
    const current = lang();
    this.root.ownerDocument.documentElement.lang = current;
    applyI18n(this.root);
    for (const span of Array.from(this.langButton.querySelectorAll<HTMLElement>('[data-lang]'))) {
      span.classList.toggle('on', span.dataset.lang === current);
    }
    this.langButton.setAttribute('title', t('langTitle'));
    this.langButton.setAttribute('aria-label', t('langTitle'));
    this.renderPasteMode();
    this.renderProgress();
    this.renderReviewer();
    this.versionBar.applyLang();
    this.compare.applyLang();
    this.articles.render();
    this.filters.applyLang();
    this.chooser.applyLang();
    this.sheet.applyLang();
    this.dashboard.applyLang();
    if (this.exportDialog.isOpen) this.exportDialog.applyLang();
    if (this.article) {
      setText(this.title, articleTitle(this.article));
      renderMeta(this.meta, this.article);
    } else {
      this.showNoArticle();
    }
    this.panel.applyLang();
    this.refreshSide();
  }

  // --- articles -----------------------------------------------------------------------------

  private showNoArticle(): void {
    if (this.article) return;
    this.versionBar.clear();
    setText(this.title, t('noArticleTitle'));
    renderMeta(this.meta, null);
    this.reader.clear(el('p', { class: 'hint' }, t('noArticleHint')));
  }

  async refreshArticles(): Promise<void> {
    try {
      this.articles.set(await api.listArticles());
    } catch (error) {
      this.showError(errorMessage(error));
    }
  }

  /** Opens an article; `select` reselects a claim and `keepScroll` keeps the reader where it was
   * (when the same article is loaded again, e.g. for another reviewer). `version` shows an
   * earlier version (read-only); null shows the latest. */
  async openArticle(id: string, select: string | null = null, keepScroll = false, version: number | null = null): Promise<void> {
    const token = ++this.openToken;
    this.articles.setCurrent(id);
    try {
      // The versions are not needed to read the article: a failure to list them is only reported.
      const versions = Promise.resolve()
        .then(() => api.listVersions(id))
        .then(
          (list) => (Array.isArray(list) ? list : null),
          (error: unknown) => {
            if (token === this.openToken) this.showError(t('versionsFailed', { message: errorMessage(error) }));
            return null;
          },
        );
      const [article, claims, list] = await Promise.all([
        version === null ? api.getArticle(id) : api.getVersion(id, version),
        api.listClaims(id),
        versions,
      ]);
      if (token !== this.openToken) return;
      const scroll = this.readerColumn.scrollTop;
      const sameArticle = this.article?.id === id;
      this.versions = list ? [...list].sort((a, b) => a.number - b.number) : [];
      // get_article shows the latest version; the list says which it is when another is shown.
      const listed = this.versions.length ? this.versions[this.versions.length - 1].number : 0;
      const known = version === null ? article.version : sameArticle ? this.latest ?? 0 : 0;
      this.latest = Math.max(listed, known, article.version);
      this.show(article, claims);
      if (select) this.panel.select(select);
      if (keepScroll) this.readerColumn.scrollTop = scroll;
      try {
        storage()?.setItem(ARTICLE_KEY, id);
      } catch {
        /* not remembered; fine */
      }
    } catch (error) {
      if (token === this.openToken) {
        this.articles.setCurrent(this.article?.id ?? null);
        this.showError(errorMessage(error));
      }
    }
  }

  private show(article: Article, claims: Claim[]): void {
    this.article = article;
    this.articles.setCurrent(article.id);
    setText(this.title, articleTitle(article));
    renderMeta(this.meta, article);
    const version = typeof article.version === 'number' ? article.version : null;
    this.reader.load(article.text ?? '', claims, version);
    void this.suggestions.load();
    this.panel.setClaims(claims, version, this.latest ?? version);
    this.versionBar.set(this.versions.length ? this.versions : null, version ?? 1, this.latest ?? version ?? 1);
    const readOnly = this.readOnly;
    this.readerColumn.classList.toggle('read-only', readOnly);
    this.text.dataset.version = String(version ?? '');
    this.panel.setReattach(readOnly ? 'oldVersion' : 'noSelection');
    this.applyFilters();
    this.refreshSide();
    this.readerColumn.scrollTop = 0;
    this.hideFloating();
    this.root.ownerDocument.title = `${articleTitle(article)}${readOnly ? ` (${t('metaVersion', { n: version ?? '' })})` : ''} — claimdesk`;
  }

  /** Colours the highlights: a blind reviewer's claims in the neutral colour, the claims the
   * filters leave out dimmed. */
  private paint(): void {
    const filters = this.filters.value;
    // Each claim's anchor state goes along: the highlights say how it fared (changed, orphaned…).
    const claims = this.panel.claims.map((c) => (this.panel.isBlind(c) ? { ...c, verdict: null } : c));
    const out = new Set(this.panel.claims.filter((c) => !matches(c, filters, this.panel.isBlind(c))).map((c) => c.id));
    this.reader.paint(
      claims,
      this.panel.selectedId,
      (verdict) => ratingOf(this.session, verdict)?.colour ?? null,
      (id) => out.has(id),
    );
  }

  // --- import / export ----------------------------------------------------------------------

  /** Imports a file the reviewer picks; with `versionOf`, as a new version of that article. */
  async importFile(versionOf: string | null = null): Promise<void> {
    this.importFileButton.disabled = true;
    try {
      const outcome = await api.importFile(versionOf);
      if (outcome) await this.imported(outcome);
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.importFileButton.disabled = false;
    }
  }

  private async imported(outcome: ImportOutcome): Promise<void> {
    this.closeDashboard();
    this.closeCompare(false);
    await this.refreshArticles();
    await this.openArticle(outcome.article.id);
    const title = articleTitle(outcome.article);
    if (outcome.new_version && !outcome.existing) {
      // What became of the claims, and the way to the ones that need the reviewer.
      const carried = outcome.carried;
      const message = carried
        ? carriedSummary(outcome.article.version, title, carried)
        : t('newVersionImported', { title, n: outcome.article.version });
      const pending = this.article?.id === outcome.article.id && this.panel.claims.some((c) => needsTriage(c));
      const button = pending
        ? el('button', { id: 'notice-triage', type: 'button', class: 'link', onclick: () => this.goToTriage() }, t('noticeTriage'))
        : null;
      this.showNotice(message, button);
      return;
    }
    const key: Key = outcome.existing ? 'alreadyImported' : 'imported';
    this.showNotice(t(key, { title, n: outcome.article.version }));
  }

  /** Imports every file of a folder the reviewer picks, showing the progress as it goes. */
  async importFolder(): Promise<void> {
    if (this.folderRunning) return;
    this.folderRunning = true;
    this.importFolderButton.disabled = true;
    this.folderStep = null;
    this.folderSkipped = 0;
    try {
      const report = await api.importFolder((step) => this.folderProgress(step));
      this.importProgress.hidden = true;
      if (!report) return;
      await this.refreshArticles();
      const first = report.imported[0];
      if (first) await this.openArticle(first.article.id);
      this.showNotice(folderSummary(report), report.failed.length ? this.skippedList(report.failed) : null);
    } catch (error) {
      this.importProgress.hidden = true;
      this.showError(errorMessage(error));
    } finally {
      this.folderRunning = false;
      this.folderStep = null;
      this.importFolderButton.disabled = false;
    }
  }

  private folderProgress(step: FolderProgress): void {
    // Steps arrive in order, but a late one must not bring the progress back after the end.
    if (!this.folderRunning) return;
    if (step.error) this.folderSkipped += 1;
    this.folderStep = step;
    this.importProgress.hidden = false;
    this.renderProgress();
  }

  private renderProgress(): void {
    const step = this.folderStep;
    if (!step) return;
    this.progressBar.max = Math.max(step.total, 1);
    this.progressBar.value = Math.min(step.done, step.total);
    const count = t('progressCount', { done: step.done, total: step.total });
    this.progressBar.setAttribute('aria-label', count);
    setText(this.progressCount, count);
    setText(this.progressFile, fileName(step.path));
    this.progressFile.setAttribute('title', step.path);
    setText(this.progressSkipped, plural(this.folderSkipped, 'progressSkippedOne', 'progressSkippedMany'));
    this.progressSkipped.classList.toggle('some', this.folderSkipped > 0);
  }

  private skippedList(failed: FolderReport['failed']): HTMLElement {
    return el(
      'details',
      { id: 'import-skipped', class: 'skipped' },
      el('summary', { 'data-i18n': 'skippedDetails' }, t('skippedDetails')),
      el(
        'ul',
        { class: 'skipped-list' },
        ...failed.map((f) =>
          el(
            'li',
            { 'data-path': f.path },
            el('span', { class: 'skipped-path' }, f.path),
            ' — ',
            el('span', { class: 'skipped-error' }, f.error),
          ),
        ),
      ),
    );
  }

  /** Opens the paste panel; `asVersion` ticks "a new version of" the open article. */
  openPaste(asVersion = false): void {
    this.closeDashboard();
    this.closeCompare(false);
    this.pastePanel.hidden = false;
    this.pasteAsVersion.checked = asVersion && !!this.article;
    this.renderPasteMode();
    this.pasteText.focus();
  }

  /** The article the paste panel imports a new version of, if it does. */
  private pasteVersionOf(): string | null {
    return this.article && this.pasteAsVersion.checked ? this.article.id : null;
  }

  /** The panel as a plain import or as a new version of the open article (heading, hints, the
   * file button), then its submit button. */
  private renderPasteMode(): void {
    const article = this.article;
    this.pasteVersionRow.hidden = !article;
    if (!article) this.pasteAsVersion.checked = false;
    const asVersion = this.pasteVersionOf() !== null;
    const title = article ? articleTitle(article) : '';
    setText(this.pasteHeading, asVersion ? t('pasteVersionHeading', { title }) : t('pasteHeading'));
    setText(this.pasteVersionLabel, t('pasteVersionOf', { title }));
    this.pasteVersionHint.hidden = !asVersion;
    this.pasteUrlHint.hidden = asVersion;
    this.pasteFile.hidden = !asVersion;
    this.pastePanel.dataset.mode = asVersion ? 'version' : 'article';
    this.renderPasteSubmit();
  }

  /** True when submitting downloads the address: no text pasted, and an http(s) address given
   * (not for a new version: the host names its article only for pasted text and files). */
  private fetchMode(): boolean {
    return this.pasteVersionOf() === null && !this.pasteText.value.trim() && isWebAddress(this.pasteUrl.value);
  }

  /** The submit button's label: import, fetch and import, or downloading (while it does). */
  private renderPasteSubmit(): void {
    let key: Key;
    if (this.pasteBusy) {
      key = this.pasteSubmit.dataset.mode === 'fetch' ? 'fetching' : 'pasteSubmit';
    } else {
      const mode = this.fetchMode() ? 'fetch' : 'text';
      this.pasteSubmit.dataset.mode = mode;
      key = mode === 'fetch' ? 'pasteFetch' : 'pasteSubmit';
    }
    this.pasteSubmit.dataset.i18n = key;
    setText(this.pasteSubmit, t(key));
    if (this.pasteBusy) this.pasteSubmit.setAttribute('aria-busy', 'true');
    else this.pasteSubmit.removeAttribute('aria-busy');
  }

  closePaste(): void {
    this.pastePanel.hidden = true;
    this.importPasteButton.focus();
  }

  async submitPaste(): Promise<void> {
    if (this.pasteBusy) return;
    const text = this.pasteText.value;
    const url = this.pasteUrl.value.trim() || null;
    const versionOf = this.pasteVersionOf();
    const download = this.fetchMode();
    if (!text.trim() && !download) {
      this.pasteText.focus();
      return;
    }
    this.pasteBusy = true;
    this.pasteSubmit.disabled = true;
    this.pasteSubmit.dataset.mode = download ? 'fetch' : 'text';
    this.renderPasteSubmit();
    try {
      const outcome = download && url ? await api.importUrl(url) : await api.importText(text, url, versionOf);
      this.pasteText.value = '';
      this.pasteUrl.value = '';
      if (!this.pastePanel.hidden) this.closePaste();
      this.pasteBusy = false;
      this.renderPasteSubmit();
      await this.imported(outcome);
    } catch (error) {
      // Keep the panel and what was typed; show why the host refused it (or why the download
      // failed).
      this.showError(errorMessage(error));
    } finally {
      this.pasteBusy = false;
      this.pasteSubmit.disabled = false;
      this.renderPasteSubmit();
    }
  }

  /** Opens the export dialog (format, filters, options); it asks the host to write. */
  openExport(): void {
    this.closeDashboard();
    this.closeCompare(false);
    this.exportDialog.open();
  }

  /** Merges a claim set the reviewer picks (a claimdesk JSON export), then shows the desk as it
   * now is and what the import did. */
  async importClaims(): Promise<void> {
    this.importClaimsButton.disabled = true;
    try {
      // Edits still on their way are this desk's side of any conflict.
      await this.panel.queue.idle();
      const report = await api.importClaims();
      if (!report) return;
      const [reviewers] = await Promise.allSettled([api.listReviewers(), this.refreshArticles()]);
      if (reviewers.status === 'fulfilled') this.reviewers.set(reviewers.value ?? []);
      if (this.session) this.reviewers.add(this.session.reviewer);
      const open = this.article?.id ?? this.articles.ids()[0];
      if (open) await this.openArticle(open, this.panel.selectedId, true);
      if (this.dashboard.isOpen) void this.dashboard.load();
      this.showNotice(importSummary(report), conflictList(report));
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.importClaimsButton.disabled = false;
    }
  }

  // --- making claims ------------------------------------------------------------------------

  private hideFloating(): void {
    this.makeClaimButton.hidden = true;
    this.reattachHereButton.hidden = true;
  }

  /**
   * Follows the selection in the text: "Make claim" beside it (on the latest version only), with
   * "Re-attach the selected claim here" when the claim selected is to triage; the triage's
   * re-attach buttons are enabled while a passage of the latest version is selected.
   */
  private updateMakeClaim(): void {
    const doc = this.root.ownerDocument;
    const selection = doc.getSelection();
    const span: Span | null = this.article && !this.creating ? selectionToSpan(this.text, selection) : null;
    const readOnly = this.readOnly;
    this.panel.setReattach(readOnly ? 'oldVersion' : span ? 'ready' : 'noSelection');
    const button = this.makeClaimButton;
    if (!span || !selection || readOnly || this.workspace.hidden) {
      this.hideFloating();
      return;
    }
    button.hidden = false;
    const selected = this.panel.get(this.panel.selectedId);
    const here = this.reattachHereButton;
    here.hidden = !selected || !inTriage(selected);
    const range = selection.getRangeAt(0);
    const rects = typeof range.getClientRects === 'function' ? range.getClientRects() : null;
    const rect = rects && rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
    const view = doc.defaultView;
    const width = button.offsetWidth || 160;
    const height = button.offsetHeight || 32;
    const maxLeft = (view?.innerWidth ?? 1024) - width - 8;
    const left = Math.max(8, Math.min(rect.right - width / 2, maxLeft));
    let top = rect.bottom + 8;
    if (top + height > (view?.innerHeight ?? 700) - 8) top = Math.max(8, rect.top - height - 8);
    button.style.left = `${Math.round(left)}px`;
    button.style.top = `${Math.round(top)}px`;
    if (!here.hidden) {
      // Beside "Make claim", or under it when there is no room.
      const hereWidth = here.offsetWidth || 240;
      const viewWidth = view?.innerWidth ?? 1024;
      const beside = left + width + 8;
      const fits = beside + hereWidth <= viewWidth - 8;
      here.style.left = `${Math.round(fits ? beside : Math.max(8, Math.min(left, viewWidth - hereWidth - 8)))}px`;
      here.style.top = `${Math.round(fits ? top : top + height + 6)}px`;
    }
  }

  async makeClaim(): Promise<void> {
    const article = this.article;
    if (this.creating || !article) return;
    if (this.readOnly) {
      this.showNotice(t('makeClaimLatestOnly', { n: this.latest ?? '' }));
      return;
    }
    const span = selectionToSpan(this.text);
    if (!span) return;
    this.creating = true;
    this.hideFloating();
    try {
      const claim = await api.createClaim(article.id, span.start, span.end, {});
      if (this.article?.id !== article.id) return;
      this.root.ownerDocument.getSelection()?.removeAllRanges();
      this.placeNewClaim(claim);
      this.panel.focusClaimant();
      // A suggestion the new claim covers is settled.
      void this.suggestions.load();
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.creating = false;
    }
  }

  /** Draws a claim just made, lists it and selects it; `notice` says where it came from. */
  private placeNewClaim(claim: Claim, notice: string | null = null): void {
    if (this.article?.id !== claim.article_id) return;
    this.panel.add(claim);
    this.reader.refresh(this.panel.claims, claim.start, claim.end);
    this.refreshSide();
    this.panel.select(claim.id);
    if (notice) this.showNotice(notice);
  }

  // --- messages -----------------------------------------------------------------------------

  showError(message: string): void {
    setText(this.errorText, message);
    this.errorBanner.hidden = false;
  }

  dismissError(): void {
    this.errorBanner.hidden = true;
    setText(this.errorText, '');
  }

  showNotice(message: string, extra: Node | null = null): void {
    // What happened since supersedes an older error (say, a move refused before a sign-off).
    this.dismissError();
    setText(this.noticeText, message);
    replace(this.noticeExtra, extra);
    this.noticeExtra.hidden = !extra;
    this.notice.hidden = false;
  }
}

export async function startApp(mount: HTMLElement): Promise<App> {
  const app = new App(mount);
  await app.start();
  return app;
}
