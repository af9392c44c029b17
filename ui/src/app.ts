// The window: header, article list, reader and claims column, wired to the host through api.ts.
import * as api from './api';
import type { Article, Claim, FolderProgress, FolderReport, ImportOutcome, Session } from './api';
import { ArticleList, articleTitle, renderMeta } from './articles';
import { ClaimsPanel, ratingOf } from './claims';
import { el, errorMessage, replace, setText } from './dom';
import { Reader, claimForClick } from './highlight';
import { applyI18n, initialLang, lang, plural, setLang, t, type Key } from './i18n';
import { selectionToSpan, type Span } from './offsets';

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

function isEditable(node: Element | null): boolean {
  if (!node) return false;
  const tag = node.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (node as HTMLElement).isContentEditable;
}

export class App {
  session: Session | null = null;
  article: Article | null = null;
  readonly root: HTMLElement;
  readonly articles: ArticleList;
  readonly panel: ClaimsPanel;
  readonly reader: Reader;

  private readonly reviewer = el('span', { id: 'reviewer', class: 'reviewer', 'data-i18n-title': 'reviewerTitle' }, '—');
  private readonly importFileButton = el('button', { id: 'import-file', type: 'button', 'data-i18n': 'importFile' });
  private readonly importPasteButton = el('button', { id: 'import-paste', type: 'button', 'data-i18n': 'importPaste' });
  private readonly importFolderButton = el('button', {
    id: 'import-folder',
    type: 'button',
    'data-i18n': 'importFolder',
    'data-i18n-title': 'importFolderTitle',
  });
  private readonly exportButton = el('button', { id: 'export-json', type: 'button', 'data-i18n': 'exportJson' });
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
  private readonly pastePanel = el(
    'div',
    { id: 'paste-panel', class: 'overlay', hidden: true },
    el(
      'form',
      { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'paste-heading' },
      el('h2', { id: 'paste-heading', 'data-i18n': 'pasteHeading' }),
      el('label', { for: 'paste-text', 'data-i18n': 'pasteText' }),
      el('p', { class: 'hint', 'data-i18n': 'pasteTextHint' }),
      this.pasteText,
      el('label', { for: 'paste-url', 'data-i18n': 'pasteUrl' }),
      this.pasteUrl,
      el('p', { id: 'paste-url-hint', class: 'hint', 'data-i18n': 'pasteUrlHint' }),
      el('div', { class: 'dialog-buttons' }, this.pasteCancel, this.pasteSubmit),
    ),
  );
  private readonly title = el('h1', { id: 'article-title' });
  private readonly meta = el('p', { id: 'article-meta', class: 'article-meta' });
  private readonly text = el('div', { id: 'article-text', class: 'article-text' });
  private readonly readerColumn = el(
    'section',
    { id: 'reader', class: 'reader' },
    el('article', { class: 'reader-inner' }, this.title, this.meta, this.text),
  );
  private readonly makeClaimButton = el('button', {
    id: 'make-claim',
    type: 'button',
    class: 'make-claim primary',
    hidden: true,
    'data-i18n': 'makeClaim',
    'data-i18n-title': 'makeClaimTitle',
  });

  private openToken = 0;
  private creating = false;
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
      selected: (id, reveal) => {
        this.paint();
        if (reveal && id) this.reader.scrollTo(id);
      },
      changed: () => this.paint(),
      refused: (message) => this.showError(message),
    });

    this.root = el(
      'div',
      { class: 'app' },
      el(
        'header',
        { class: 'topbar' },
        el('div', { class: 'brand' }, el('span', { class: 'app-name', 'data-i18n': 'appName' }), this.reviewer),
        el(
          'div',
          { class: 'actions' },
          this.importFileButton,
          this.importFolderButton,
          this.importPasteButton,
          this.exportButton,
          this.langButton,
        ),
      ),
      this.errorBanner,
      this.notice,
      this.importProgress,
      el(
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
          { class: 'column claims-column' },
          el('h2', { class: 'column-heading', 'data-i18n': 'claimsHeading' }),
          this.panel.list,
          this.panel.editor,
        ),
      ),
      this.pastePanel,
      this.makeClaimButton,
    );
    replace(mount, this.root);
    this.wire();
  }

  async start(): Promise<void> {
    // Closing the window waits for the edits still queued, so the last keystrokes are stored.
    api.onWindowClose(() => this.panel.queue.idle()).catch((error) => this.showError(errorMessage(error)));
    setLang(initialLang(), null);
    this.applyLang();
    this.showNoArticle();
    const [session, articles] = await Promise.allSettled([api.session(), api.listArticles()]);
    if (session.status === 'fulfilled') {
      this.session = session.value;
      setText(this.reviewer, session.value.reviewer);
      this.panel.applyLang();
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
  }

  // --- wiring -------------------------------------------------------------------------------

  private wire(): void {
    this.importFileButton.addEventListener('click', () => void this.importFile());
    this.importFolderButton.addEventListener('click', () => void this.importFolder());
    this.importPasteButton.addEventListener('click', () => this.openPaste());
    this.exportButton.addEventListener('click', () => void this.exportJson());
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

    this.text.addEventListener('click', (event) => {
      const mark = (event.target as Element).closest<HTMLElement>('mark.claim');
      if (!mark) return;
      const selection = doc.getSelection();
      if (selection && !selection.isCollapsed && selectionToSpan(this.text, selection)) return;
      this.panel.select(claimForClick(mark, this.panel.selectedId));
    });

    doc.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.pastePanel.hidden) {
        event.preventDefault();
        this.closePaste();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key !== 'Enter' && event.key !== 'n' && event.key !== 'N') return;
      if (!this.pastePanel.hidden || isEditable(doc.activeElement)) return;
      if (!this.article || !selectionToSpan(this.text)) return;
      event.preventDefault();
      void this.makeClaim();
    });
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
    this.exportButton.setAttribute('title', t(this.article ? 'exportTitleOne' : 'exportTitleAll'));
    this.renderPasteSubmit();
    this.renderProgress();
    this.articles.render();
    if (this.article) {
      setText(this.title, articleTitle(this.article));
      renderMeta(this.meta, this.article);
    } else {
      this.showNoArticle();
    }
    this.panel.applyLang();
  }

  // --- articles -----------------------------------------------------------------------------

  private showNoArticle(): void {
    if (this.article) return;
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

  async openArticle(id: string): Promise<void> {
    const token = ++this.openToken;
    this.articles.setCurrent(id);
    try {
      const [article, claims] = await Promise.all([api.getArticle(id), api.listClaims(id)]);
      if (token !== this.openToken) return;
      this.show(article, claims);
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
    this.exportButton.setAttribute('title', t('exportTitleOne'));
    const version = typeof article.version === 'number' ? article.version : null;
    this.reader.load(article.text ?? '', claims, version);
    this.panel.setClaims(claims, version);
    this.paint();
    this.readerColumn.scrollTop = 0;
    this.makeClaimButton.hidden = true;
    this.root.ownerDocument.title = `${articleTitle(article)} — claimdesk`;
  }

  private paint(): void {
    this.reader.paint(this.panel.claims, this.panel.selectedId, (verdict) => ratingOf(this.session, verdict)?.colour ?? null);
  }

  // --- import / export ----------------------------------------------------------------------

  async importFile(): Promise<void> {
    this.importFileButton.disabled = true;
    try {
      const outcome = await api.importFile();
      if (outcome) await this.imported(outcome);
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.importFileButton.disabled = false;
    }
  }

  private async imported(outcome: ImportOutcome): Promise<void> {
    await this.refreshArticles();
    await this.openArticle(outcome.article.id);
    const key: Key = outcome.existing ? 'alreadyImported' : outcome.new_version ? 'newVersionImported' : 'imported';
    this.showNotice(t(key, { title: articleTitle(outcome.article), n: outcome.article.version }));
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

  openPaste(): void {
    this.pastePanel.hidden = false;
    this.renderPasteSubmit();
    this.pasteText.focus();
  }

  /** True when submitting downloads the address: no text pasted, and an http(s) address given. */
  private fetchMode(): boolean {
    return !this.pasteText.value.trim() && isWebAddress(this.pasteUrl.value);
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
      const outcome = download && url ? await api.importUrl(url) : await api.importText(text, url);
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

  async exportJson(): Promise<void> {
    this.exportButton.disabled = true;
    try {
      // A status change still on its way must be in the export.
      await this.panel.queue.idle();
      const outcome = await api.exportJson(this.article?.id ?? null);
      if (outcome) {
        this.showNotice(plural(outcome.claims, 'exportedOne', 'exportedMany', { path: outcome.path }));
      }
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.exportButton.disabled = false;
    }
  }

  // --- making claims ------------------------------------------------------------------------

  private updateMakeClaim(): void {
    const doc = this.root.ownerDocument;
    const selection = doc.getSelection();
    const span: Span | null = this.article && !this.creating ? selectionToSpan(this.text, selection) : null;
    const button = this.makeClaimButton;
    if (!span || !selection) {
      button.hidden = true;
      return;
    }
    button.hidden = false;
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
  }

  async makeClaim(): Promise<void> {
    const article = this.article;
    if (this.creating || !article) return;
    const span = selectionToSpan(this.text);
    if (!span) return;
    this.creating = true;
    this.makeClaimButton.hidden = true;
    try {
      const claim = await api.createClaim(article.id, span.start, span.end, {});
      if (this.article?.id !== article.id) return;
      this.root.ownerDocument.getSelection()?.removeAllRanges();
      this.panel.add(claim);
      this.reader.refresh(this.panel.claims, claim.start, claim.end);
      this.articles.bumpCount(article.id, 1);
      this.panel.select(claim.id);
      this.panel.focusClaimant();
    } catch (error) {
      this.showError(errorMessage(error));
    } finally {
      this.creating = false;
    }
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
