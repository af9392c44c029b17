import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, ClaimFields, FolderProgress, FolderReport, HistoryEntry, ImportOutcome } from '../src/api';
import * as api from '../src/api';
import { $, change, mountApp, stubHost, type, type PendingUpdate } from './harness';
import { fileName, folderSummary, isWebAddress, startApp, type App } from '../src/app';
import { setLang } from '../src/i18n';
import { ARTICLE, SESSION, SUMMARIES, TEXT, cp, deferred, flush, makeClaim, type Deferred, select } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);


const outer = () => makeClaim({ id: 'c-outer', start: cp('Les impôts'), end: cp('2023') + 4, verdict: 'false' });
const inner = () => makeClaim({ id: 'c-inner', start: cp('12 %'), end: cp('12 %') + 4, status: 'in_review' });




const boot = mountApp;

/** Makes claimHistory answer only when the test resolves a reply; returns the replies asked for. */
function holdHistoryReplies(): Deferred<HistoryEntry[]>[] {
  const replies: Deferred<HistoryEntry[]>[] = [];
  m.claimHistory.mockImplementation(() => {
    const reply = deferred<HistoryEntry[]>();
    replies.push(reply);
    return reply.promise;
  });
  return replies;
}

describe('app', () => {
  let updates: PendingUpdate[];

  beforeEach(() => {
    updates = stubHost(m, [inner(), outer()]);
  });

  it('builds the layout with the expected ids', async () => {
    await boot();
    for (const id of [
      'reviewer', 'import-file', 'import-paste', 'export-json', 'import-claims', 'export-dialog', 'lang', 'paste-panel', 'paste-text', 'paste-url',
      'paste-submit', 'article-list', 'reader', 'article-title', 'article-meta', 'article-text', 'claims',
      'claim-editor', 'claim-claimant', 'claim-verdict', 'claim-status', 'claim-note', 'save-state', 'make-claim',
      'error-banner', 'notice', 'import-folder', 'import-progress', 'import-progress-bar', 'paste-url-hint',
      'claim-version-note', 'claim-history', 'claim-history-summary', 'claim-history-list', 'claim-history-error',
      'version-bar', 'version-select', 'version-info', 'version-compare', 'import-new-version', 'version-readonly',
      'version-latest', 'triage-count', 'compare-view', 'compare-from', 'compare-to', 'compare-text', 'compare-legend',
      'compare-summary', 'compare-close', 'reattach-here', 'paste-version-of', 'paste-file',
    ]) {
      expect(document.getElementById(id), id).not.toBeNull();
    }
    expect($('#reviewer').textContent).toBe('Camille Martin');
    expect($('#import-file').textContent).toBe('Import file…');
    expect($('#paste-panel').hidden).toBe(true);
    expect($('#error-banner').hidden).toBe(true);
    expect($('#import-folder').textContent).toBe('Import folder…');
    expect($('#import-progress').hidden).toBe(true);
  });

  it('lists the articles and opens the first one with its claims', async () => {
    await boot();
    const items = Array.from(document.querySelectorAll<HTMLElement>('#article-list li[data-article-id]'));
    expect(items.map((li) => li.dataset.articleId)).toEqual(['art-1', 'art-2']);
    expect(items[0].classList.contains('current')).toBe(true);
    expect(items[0].textContent).toContain('Le Quotidien · 5 Mar 2024');
    expect(items[0].textContent).toContain('2 claims');
    expect(items[1].textContent).toContain('Untitled article');

    expect($('#article-title').textContent).toBe('Un article');
    expect($('#article-meta').textContent).toBe('Jeanne Dupont · Le Quotidien · 5 Mar 2024 · https://example.org/article');
    expect(document.querySelector('#article-meta a')).toBeNull();
    const ps = document.querySelectorAll('#article-text p');
    expect(ps.length).toBe(3);
    expect(Array.from(ps).map((p) => p.textContent).join('\n\n')).toBe(TEXT);

    // Text order: the outer claim starts first.
    const claims = Array.from(document.querySelectorAll<HTMLElement>('#claims li[data-claim-id]'));
    expect(claims.map((li) => li.dataset.claimId)).toEqual(['c-outer', 'c-inner']);
    expect(claims[0].textContent).toContain('False');
    expect(claims[0].textContent).toContain('Draft');
    expect(claims[1].textContent).toContain('No verdict');
    expect(claims[1].textContent).toContain('In review');

    const marks = Array.from(document.querySelectorAll<HTMLElement>('mark.claim'));
    const nested = marks.find((mk) => mk.dataset.claimIds === 'c-outer c-inner')!;
    expect(nested.dataset.claimId).toBe('c-inner');
    expect(nested.textContent).toBe('12 %');
  });

  it('holds a window close until the queued edits are stored', async () => {
    await boot();
    expect(m.onWindowClose).toHaveBeenCalledTimes(1);
    const beforeClose = m.onWindowClose.mock.calls[0][0];
    let stored = false;
    m.updateClaim.mockImplementation(
      () => new Promise((done) => setTimeout(() => { stored = true; done({ ...outer(), note: 'dernière frappe' }); }, 20)),
    );
    $('#claims li[data-claim-id]').click();
    const note = $<HTMLTextAreaElement>('#claim-note');
    note.value = 'dernière frappe';
    note.dispatchEvent(new Event('input', { bubbles: true }));
    expect(stored).toBe(false);
    await beforeClose();
    expect(stored).toBe(true);
  });

  it('shows the empty state when there is no article', async () => {
    m.listArticles.mockResolvedValue([]);
    await boot();
    expect($('#article-list').textContent).toContain('Import file…');
    expect($('#article-title').textContent).toBe('No article open');
    expect(m.getArticle).not.toHaveBeenCalled();
  });

  it('selects a claim from the list, scrolls its mark into view and fills the editor', async () => {
    await boot();
    const scroll = vi.fn();
    const mark = Array.from(document.querySelectorAll<HTMLElement>('mark.claim')).find((mk) => mk.dataset.claimId === 'c-outer')!;
    mark.scrollIntoView = scroll;
    $('#claims li[data-claim-id="c-outer"] button').click();
    expect(scroll).toHaveBeenCalledWith({ block: 'center' });
    expect($('#claims li[data-claim-id="c-outer"]').classList.contains('selected')).toBe(true);
    expect(mark.classList.contains('selected')).toBe(true);
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('false');
    const status = $<HTMLSelectElement>('#claim-status');
    expect(Array.from(status.options).map((o) => [o.value, o.textContent])).toEqual([
      ['draft', 'Draft'],
      ['in_review', 'In review'],
      ['rejected', 'Rejected'],
    ]);
    const verdicts = Array.from($<HTMLSelectElement>('#claim-verdict').options).map((o) => o.textContent);
    expect(verdicts).toEqual(['— no verdict —', 'True', 'Misleading', 'False', 'Unverifiable']);
    expect($('#claim-editor .claim-context').textContent).toContain('Les impôts ont augmenté de 12 % en 2023');
    expect($('#save-state').textContent).toBe('Saved');
  });

  it('selects the innermost claim when a highlight is clicked, then the enclosing one', async () => {
    const app = await boot();
    const nested = Array.from(document.querySelectorAll<HTMLElement>('mark.claim')).find((mk) => mk.dataset.claimId === 'c-inner')!;
    nested.click();
    expect(app.panel.selectedId).toBe('c-inner');
    nested.click();
    expect(app.panel.selectedId).toBe('c-outer');
  });

  it('saves each edit as it is typed, coalescing while a request is in flight', async () => {
    const app = await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    const claimant = $<HTMLInputElement>('#claim-claimant');
    type(claimant, 'L');
    type(claimant, 'Le');
    type(claimant, 'Le ministre');
    expect($('#save-state').textContent).toBe('Saving…');
    expect(updates.map((u) => u.fields)).toEqual([{ claimant: 'L' }]);
    updates[0].reply.resolve({ ...outer(), claimant: 'L' });
    await flush();
    expect(updates.map((u) => u.fields)).toEqual([{ claimant: 'L' }, { claimant: 'Le ministre' }]);
    // The answer to the first request must not overwrite what was typed since.
    expect(claimant.value).toBe('Le ministre');
    updates[1].reply.resolve({ ...outer(), claimant: 'Le ministre' });
    await app.panel.queue.idle();
    expect($('#save-state').textContent).toBe('Saved');
  });

  it('keeps the typed text and shows the error when a save fails', async () => {
    await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    const note = $<HTMLTextAreaElement>('#claim-note');
    type(note, 'Source: INSEE');
    updates[0].reply.reject('database is locked');
    await flush();
    expect(note.value).toBe('Source: INSEE');
    expect($('#save-state').textContent).toBe('Not saved: database is locked');
    expect($('#save-retry').hidden).toBe(false);
    // Switching away and back keeps the unsaved text on screen.
    $('#claims li[data-claim-id="c-inner"]').click();
    expect(note.value).toBe('');
    $('#claims li[data-claim-id="c-outer"]').click();
    expect(note.value).toBe('Source: INSEE');
    $('#save-retry').click();
    expect(updates[1].fields).toEqual({ note: 'Source: INSEE' });
  });

  it('updates the list and the highlight colour after a verdict is saved, without re-rendering the reader', async () => {
    const app = await boot();
    $('#claims li[data-claim-id="c-inner"]').click();
    const paragraph = document.querySelectorAll('#article-text p')[1];
    const mark = Array.from(document.querySelectorAll<HTMLElement>('mark.claim')).find((mk) => mk.dataset.claimId === 'c-inner')!;
    const before = mark.style.getPropertyValue('--claim-edge');
    change($<HTMLSelectElement>('#claim-verdict'), 'true');
    expect(updates[0].fields).toEqual({ verdict: 'true' });
    updates[0].reply.resolve({ ...inner(), verdict: 'true' });
    await app.panel.queue.idle();
    expect(document.querySelectorAll('#article-text p')[1]).toBe(paragraph);
    expect(mark.isConnected).toBe(true);
    expect(mark.style.getPropertyValue('--claim-edge')).toBe('#2e7d32');
    expect(mark.style.getPropertyValue('--claim-edge')).not.toBe(before);
    expect($('#claims li[data-claim-id="c-inner"]').textContent).toContain('True');
  });

  it('moves the status through an allowed transition, and puts it back when the host refuses', async () => {
    const app = await boot();
    $('#claims li[data-claim-id="c-inner"]').click();
    const status = $<HTMLSelectElement>('#claim-status');
    change(status, 'reviewed');
    updates[0].reply.resolve({ ...inner(), status: 'reviewed' });
    await app.panel.queue.idle();
    expect(status.value).toBe('reviewed');
    expect(Array.from(status.options).map((o) => o.value)).toEqual(['reviewed', 'in_review', 'published']);
    expect($('#claims li[data-claim-id="c-inner"]').textContent).toContain('Reviewed');

    change(status, 'published');
    updates[1].reply.reject('a claim needs a verdict before it is published');
    await app.panel.queue.idle();
    await flush();
    expect(status.value).toBe('reviewed');
    expect($('#error-banner').hidden).toBe(false);
    expect($('#error-banner').textContent).toContain('a claim needs a verdict before it is published');
    expect($('#save-state').textContent).toContain('a claim needs a verdict');
    $('#error-dismiss').click();
    expect($('#error-banner').hidden).toBe(true);
  });

  it('makes a claim from the selection with the button and focuses the claimant', async () => {
    const app = await boot();
    const start = cp('900 euros');
    const created = makeClaim({ id: 'c-new', start, end: start + 9 });
    m.createClaim.mockResolvedValue(created);
    const span = Array.from(document.querySelectorAll<HTMLElement>('#article-text span[data-start]'))[0];
    const text = span.firstChild as Text;
    const u16 = text.data.indexOf('900 euros');
    select(text, u16 - 1, text, u16 + 9); // with the leading space, which is trimmed
    document.dispatchEvent(new Event('selectionchange'));
    const button = $('#make-claim');
    expect(button.hidden).toBe(false);
    button.click();
    await flush();
    expect(m.createClaim).toHaveBeenCalledWith('art-1', start, start + 9, {});
    expect(app.panel.selectedId).toBe('c-new');
    expect(document.activeElement).toBe($('#claim-claimant'));
    expect(document.querySelectorAll('#claims li[data-claim-id]').length).toBe(3);
    const marks = Array.from(document.querySelectorAll<HTMLElement>('mark.claim')).filter((mk) => mk.dataset.claimId === 'c-new');
    expect(marks.map((mk) => mk.textContent)).toEqual(['900 euros']);
    expect(marks[0].classList.contains('selected')).toBe(true);
    expect($('#article-list li[data-article-id="art-1"]').textContent).toContain('3 claims');
    expect(button.hidden).toBe(true);
  });

  it('makes a claim with the "n" key, but not while typing in a field', async () => {
    await boot();
    m.createClaim.mockResolvedValue(makeClaim({ id: 'c-key', start: cp('Fin'), end: cp('Fin') + 4 }));
    const last = document.querySelectorAll('#article-text p')[2];
    $<HTMLInputElement>('#claim-claimant').focus();
    select(last, 0, last, last.childNodes.length);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    expect(m.createClaim).not.toHaveBeenCalled();
    $<HTMLInputElement>('#claim-claimant').blur();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    await flush();
    expect(m.createClaim).toHaveBeenCalledWith('art-1', cp('Fin'), cp('Fin') + 4, {});
  });

  it('imports pasted text and opens it', async () => {
    await boot();
    const pasted = { ...ARTICLE, id: 'art-3', title: 'Collé', text: 'Texte collé.' };
    m.importText.mockResolvedValue({ article: pasted, existing: false, new_version: false, carried: null });
    m.listArticles.mockResolvedValue([...SUMMARIES, { ...pasted, claims: 0, statuses: {}, verdicts: {} }]);
    m.getArticle.mockResolvedValue(pasted);
    m.listClaims.mockResolvedValue([]);
    $('#import-paste').click();
    expect($('#paste-panel').hidden).toBe(false);
    expect(document.activeElement).toBe($('#paste-text'));
    $('#paste-submit').click();
    await flush();
    expect(m.importText).not.toHaveBeenCalled(); // nothing pasted yet
    $<HTMLTextAreaElement>('#paste-text').value = 'Texte collé.';
    $<HTMLInputElement>('#paste-url').value = ' https://example.org/x ';
    $('#paste-submit').click();
    await flush();
    expect(m.importText).toHaveBeenCalledWith('Texte collé.', 'https://example.org/x', null);
    expect($('#paste-panel').hidden).toBe(true);
    expect($('#article-title').textContent).toBe('Collé');
    expect($('#article-list li[data-article-id="art-3"]').classList.contains('current')).toBe(true);
    expect($('#notice').textContent).toContain('Imported “Collé”.');
    expect($('#claims').textContent).toContain('No claims yet');
  });

  it('keeps the paste panel and shows the host error when an import is refused', async () => {
    await boot();
    m.importText.mockRejectedValue('the text is empty after normalisation');
    $('#import-paste').click();
    $<HTMLTextAreaElement>('#paste-text').value = '   x';
    $('#paste-submit').click();
    await flush();
    expect($('#paste-panel').hidden).toBe(false);
    expect($<HTMLTextAreaElement>('#paste-text').value).toBe('   x');
    expect($('#error-banner').textContent).toContain('the text is empty after normalisation');
  });

  it('imports a file, and does nothing when the dialog is cancelled', async () => {
    await boot();
    m.importFile.mockResolvedValueOnce(null);
    $('#import-file').click();
    await flush();
    expect(m.getArticle).toHaveBeenCalledTimes(1);
    m.importFile.mockResolvedValueOnce({ article: { ...ARTICLE }, existing: true, new_version: false, carried: null });
    $('#import-file').click();
    await flush();
    expect($('#notice').textContent).toContain('already imported');
  });

  it('opens the export dialog from the header button, and exports json through the host', async () => {
    await boot();
    m.exportClaims.mockResolvedValue({ path: '/home/camille/claims.json', claims: 4, warnings: [], split: false });
    $('#export-json').click();
    expect($('#export-dialog').hidden).toBe(false);
    $('#export-submit').click();
    await flush();
    expect(m.exportClaims).toHaveBeenCalledWith(
      'json',
      { statuses: ['reviewed', 'published'], article_id: null, since: null, until: null, reviewer: null, tag: null },
      false,
      false,
    );
    expect($('#export-dialog').hidden).toBe(true);
    expect($('#notice').hidden).toBe(false);
    expect($('#notice').textContent).toContain('Exported 4 claims to /home/camille/claims.json');
  });

  it('shows host errors in a dismissible banner', async () => {
    m.getArticle.mockRejectedValue('article not found');
    await boot();
    expect($('#error-banner').hidden).toBe(false);
    expect($('#error-banner').textContent).toContain('article not found');
  });

  it('switches the language and remembers it, keeping what was typed', async () => {
    await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    type($<HTMLInputElement>('#claim-claimant'), 'Le ministre');
    $('#lang').click();
    expect(localStorage.getItem('claimdesk.lang')).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    expect($('#import-file').textContent).toBe('Importer un fichier…');
    expect($('#make-claim').textContent).toBe('Créer une affirmation');
    expect($('#claims li[data-claim-id="c-outer"]').textContent).toContain('Faux');
    expect($('#claims li[data-claim-id="c-outer"]').textContent).toContain('Brouillon');
    expect(Array.from($<HTMLSelectElement>('#claim-status').options).map((o) => o.textContent)).toEqual([
      'Brouillon',
      'En relecture',
      'Rejeté',
    ]);
    expect($<HTMLSelectElement>('#claim-verdict').options[0].textContent).toBe('— sans verdict —');
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('false');
    expect($<HTMLInputElement>('#claim-claimant').value).toBe('Le ministre');
    expect($('#save-state').textContent).toBe('Enregistrement…');
    expect($('#article-list').textContent).toContain('2 affirmations');
    $('#lang').click();
    expect($('#import-file').textContent).toBe('Import file…');
  });

  it('says where the database was copied when this start upgraded its schema', async () => {
    m.session.mockResolvedValue({ ...SESSION, backup: '/home/awa/desk.db.before-20261130050000.bak' });
    await boot();
    expect($('#notice').hidden).toBe(false);
    expect($('#notice').textContent).toContain('A copy of it as it was is kept at /home/awa/desk.db.before-20261130050000.bak');
    m.session.mockResolvedValue({ ...SESSION, backup: null });
    await boot();
    expect($('#notice').hidden).toBe(true);
  });

  it('starts in French when the system language is French and nothing is remembered', async () => {
    localStorage.clear();
    const spy = vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-FR');
    await boot();
    expect($('#import-paste').textContent).toBe('Coller un texte…');
    expect($('#article-list').textContent).toContain('2 affirmations');
    expect(document.documentElement.lang).toBe('fr');
    spy.mockRestore();
  });
  it('switches the paste panel to downloading the address when no text is pasted', async () => {
    await boot();
    const fetched = { ...ARTICLE, id: 'art-5', title: 'Téléchargé', text: 'Texte téléchargé.' };
    const reply = deferred<ImportOutcome>();
    m.importUrl.mockReturnValue(reply.promise);
    m.listArticles.mockResolvedValue([...SUMMARIES, { ...fetched, text: undefined, claims: 0, statuses: {}, verdicts: {} }]);
    m.getArticle.mockResolvedValue(fetched);
    m.listClaims.mockResolvedValue([]);
    $('#import-paste').click();
    const submit = $<HTMLButtonElement>('#paste-submit');
    const text = $<HTMLTextAreaElement>('#paste-text');
    const url = $<HTMLInputElement>('#paste-url');
    expect(submit.textContent).toBe('Import');
    expect($('#paste-url-hint').textContent).toBe('Paste the article text, or leave it empty to download the address.');
    type(url, 'https://example.org/new');
    expect(submit.textContent).toBe('Fetch and import');
    type(text, 'Un texte');
    expect(submit.textContent).toBe('Import');
    type(text, '  ');
    expect(submit.textContent).toBe('Fetch and import');
    type(url, 'ftp://example.org/new');
    expect(submit.textContent).toBe('Import');
    type(url, 'example.org/new');
    expect(submit.textContent).toBe('Import');
    type(url, ' https://example.org/new ');
    expect(submit.textContent).toBe('Fetch and import');
    $('#lang').click();
    expect(submit.textContent).toBe('Télécharger et importer');
    expect($('#paste-url-hint').textContent).toBe('Collez le texte de l’article, ou laissez-le vide pour télécharger l’adresse.');
    $('#lang').click();

    submit.click();
    await flush();
    expect(m.importUrl).toHaveBeenCalledWith('https://example.org/new');
    expect(m.importText).not.toHaveBeenCalled();
    expect(submit.disabled).toBe(true);
    expect(submit.textContent).toBe('Downloading…');
    submit.click(); // a second press while downloading does nothing
    await flush();
    expect(m.importUrl).toHaveBeenCalledTimes(1);

    reply.resolve({ article: fetched, existing: false, new_version: false, carried: null });
    await flush();
    expect($('#paste-panel').hidden).toBe(true);
    expect(submit.disabled).toBe(false);
    expect(submit.textContent).toBe('Import');
    expect(url.value).toBe('');
    expect($('#article-title').textContent).toBe('Téléchargé');
    expect($('#notice').textContent).toContain('Imported “Téléchargé”.');
  });

  it('keeps the paste panel and what was typed when a download fails', async () => {
    await boot();
    const message = 'cannot fetch https://example.org/gone: the server answered 404 Not Found — check the address';
    m.importUrl.mockRejectedValue(message);
    $('#import-paste').click();
    type($<HTMLInputElement>('#paste-url'), 'https://example.org/gone');
    $('#paste-submit').click();
    await flush();
    expect(m.importUrl).toHaveBeenCalledWith('https://example.org/gone');
    expect($('#paste-panel').hidden).toBe(false);
    expect($<HTMLInputElement>('#paste-url').value).toBe('https://example.org/gone');
    expect($('#error-banner').hidden).toBe(false);
    expect($('#error-banner').textContent).toContain(message);
    expect($<HTMLButtonElement>('#paste-submit').disabled).toBe(false);
    expect($('#paste-submit').textContent).toBe('Fetch and import');
  });

  it('imports a folder, showing each file as it is handled, then a summary with the skipped files', async () => {
    await boot();
    const reply = deferred<FolderReport | null>();
    let report: ((step: FolderProgress) => void) | null = null;
    m.importFolder.mockImplementation((onProgress) => {
      report = onProgress;
      return reply.promise;
    });
    const fresh = { ...ARTICLE, id: 'art-4', title: 'Nouveau', text: 'Nouveau texte.' };
    const button = $<HTMLButtonElement>('#import-folder');
    expect(button.textContent).toBe('Import folder…');
    button.click();
    await flush();
    expect(m.importFolder).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);
    const progress = $('#import-progress');
    expect(progress.hidden).toBe(true); // nothing to show while the folder dialog is open

    report!({ done: 1, total: 3, path: '/home/camille/articles/a.html', error: null });
    expect(progress.hidden).toBe(false);
    const bar = progress.querySelector('progress')!;
    expect([bar.value, bar.max]).toEqual([1, 3]);
    expect($('#import-progress-count').textContent).toBe('1 / 3');
    expect($('#import-progress-file').textContent).toBe('a.html');
    expect($('#import-progress-file').getAttribute('title')).toBe('/home/camille/articles/a.html');
    expect($('#import-progress-skipped').textContent).toBe('0 skipped');

    report!({ done: 2, total: 3, path: '/home/camille/articles/b.pdf', error: 'not an HTML or text file' });
    expect(bar.value).toBe(2);
    expect($('#import-progress-count').textContent).toBe('2 / 3');
    expect($('#import-progress-file').textContent).toBe('b.pdf');
    expect($('#import-progress-skipped').textContent).toBe('1 skipped');

    report!({ done: 3, total: 3, path: '/home/camille/articles/sub/c.html', error: null });
    expect(bar.value).toBe(3);
    expect($('#import-progress-file').textContent).toBe('c.html');
    expect($('#import-progress-skipped').textContent).toBe('1 skipped');
    $('#lang').click();
    expect($('#import-progress-count').textContent).toBe('3 sur 3');
    expect($('#import-progress-skipped').textContent).toBe('1 ignoré');
    $('#lang').click();

    m.listArticles.mockResolvedValue([{ ...fresh, text: undefined, claims: 0, statuses: {}, verdicts: {} }, ...SUMMARIES]);
    m.getArticle.mockResolvedValue(fresh);
    m.listClaims.mockResolvedValue([]);
    reply.resolve({
      imported: [
        { article: fresh, existing: false, new_version: false, carried: null },
        { article: { ...ARTICLE, version: 2 }, existing: false, new_version: true, carried: null },
        { article: { ...SUMMARIES[1] }, existing: true, new_version: false, carried: null },
      ],
      failed: [{ path: '/home/camille/articles/b.pdf', error: 'not an HTML or text file' }],
    });
    await flush();
    expect(progress.hidden).toBe(true);
    expect(button.disabled).toBe(false);
    expect(m.listArticles).toHaveBeenCalledTimes(2);
    expect(m.getArticle).toHaveBeenLastCalledWith('art-4');
    expect($('#article-title').textContent).toBe('Nouveau');
    expect($('#article-list li[data-article-id="art-4"]').classList.contains('current')).toBe(true);
    expect($('#notice').hidden).toBe(false);
    expect($('#notice .banner-text').textContent).toBe(
      'Imported 3 articles (1 new version, 1 already there); 1 file skipped',
    );
    const skipped = $<HTMLDetailsElement>('#notice details#import-skipped');
    expect(skipped.open).toBe(false);
    expect(skipped.querySelector('summary')?.textContent).toBe('Show the skipped files and why');
    expect(Array.from(skipped.querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      '/home/camille/articles/b.pdf — not an HTML or text file',
    ]);

    // The next notice has no skipped files to show.
    m.exportClaims.mockResolvedValue({ path: '/tmp/x.json', claims: 1, warnings: [], split: false });
    $('#export-json').click();
    $('#export-submit').click();
    await flush();
    expect(document.getElementById('import-skipped')).toBeNull();
  });

  it('does nothing when the folder dialog is cancelled, and shows why a folder import failed', async () => {
    await boot();
    m.importFolder.mockResolvedValueOnce(null);
    $('#import-folder').click();
    await flush();
    expect($('#import-progress').hidden).toBe(true);
    expect($('#notice').hidden).toBe(true);
    expect(m.listArticles).toHaveBeenCalledTimes(1);
    expect(m.getArticle).toHaveBeenCalledTimes(1);
    expect($<HTMLButtonElement>('#import-folder').disabled).toBe(false);

    m.importFolder.mockImplementationOnce(async (onProgress) => {
      onProgress({ done: 1, total: 2, path: 'C:\\articles\\a.html', error: null });
      expect($('#import-progress-file').textContent).toBe('a.html');
      throw 'database is locked';
    });
    $('#import-folder').click();
    await flush();
    expect($('#import-progress').hidden).toBe(true);
    expect($('#error-banner').textContent).toContain('database is locked');
    expect($<HTMLButtonElement>('#import-folder').disabled).toBe(false);
  });

  it('announces a new version of an article', async () => {
    await boot();
    const v2 = { ...ARTICLE, version: 2, modified: '2024-04-01' };
    m.importFile.mockResolvedValueOnce({ article: v2, existing: false, new_version: true, carried: null });
    m.getArticle.mockResolvedValue(v2);
    $('#import-file').click();
    await flush();
    expect($('#notice .banner-text').textContent).toBe('New version 2 of “Un article” imported.');
    expect(document.getElementById('notice-triage')).toBeNull();
    $('#lang').click();
    expect($('#article-meta').textContent).toContain('version 2');
    expect($('#article-meta').textContent).toContain('mis à jour le 1 avr. 2024');
  });

  it('draws only the claims on the version shown and lists the others apart', async () => {
    const v2 = { ...ARTICLE, version: 2, modified: '2024-04-01' };
    m.getArticle.mockResolvedValue(v2);
    // Made on version 1: its offsets refer to the text of version 1, not to the one shown.
    const old = makeClaim({ id: 'c-old', version: 1, start: cp('Le 📱'), end: cp('900') + 3, verdict: 'misleading' });
    const older = makeClaim({ id: 'c-older', version: 1, start: cp('Fin'), end: cp('Fin') + 3 });
    m.listClaims.mockResolvedValue([{ ...inner(), version: 2 }, old, { ...outer(), version: 2 }, older]);
    const app = await boot();

    expect($('#article-meta').textContent).toBe(
      'Jeanne Dupont · Le Quotidien · 5 Mar 2024 · updated 1 Apr 2024 · version 2 · https://example.org/article',
    );
    const drawn = new Set(
      Array.from(document.querySelectorAll<HTMLElement>('mark.claim')).flatMap((mk) => (mk.dataset.claimIds ?? '').split(' ')),
    );
    expect([...drawn].sort()).toEqual(['c-inner', 'c-outer']);
    expect(document.querySelector('#article-text p')!.querySelector('mark')).toBeNull();

    const top = Array.from(document.querySelectorAll<HTMLElement>('#claims > li[data-claim-id]'));
    expect(top.map((li) => li.dataset.claimId)).toEqual(['c-outer', 'c-inner']);
    const earlier = $('#claims-earlier');
    expect(earlier.querySelector('h3')?.textContent).toBe('On an earlier version');
    const apart = Array.from(earlier.querySelectorAll<HTMLElement>('li[data-claim-id]'));
    expect(apart.map((li) => li.dataset.claimId)).toEqual(['c-old', 'c-older']);
    expect(apart[0].textContent).toContain('“Le 📱 coûte 900”');
    expect(apart[0].textContent).toContain('version 1');
    expect(apart[0].textContent).toContain('Misleading');

    const scroll = vi.fn();
    for (const mk of Array.from(document.querySelectorAll<HTMLElement>('mark.claim'))) mk.scrollIntoView = scroll;
    $('#claims li[data-claim-id="c-old"] button').click();
    expect(app.panel.selectedId).toBe('c-old');
    expect(scroll).not.toHaveBeenCalled();
    expect(document.querySelectorAll('mark.claim.selected').length).toBe(0);
    // A context shorter than the host's 32 code points ends the text: no "…".
    expect($('#claim-editor .claim-context').textContent).toBe(`${old.quote}${old.suffix}`);
    expect($('#claim-version-note').hidden).toBe(false);
    expect($('#claim-version-note').textContent).toContain('version 1');
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('misleading');
    type($<HTMLInputElement>('#claim-claimant'), 'Le ministre');
    expect(updates.map((u) => [u.id, u.fields])).toEqual([['c-old', { claimant: 'Le ministre' }]]);
    updates[0].reply.resolve({ ...old, claimant: 'Le ministre' });
    await app.panel.queue.idle();
    expect($('#save-state').textContent).toBe('Saved');
    expect($('#claims-earlier li[data-claim-id="c-old"]').classList.contains('selected')).toBe(true);
    expect(document.querySelectorAll('mark.claim.selected').length).toBe(0);

    $('#claims li[data-claim-id="c-inner"] button').click();
    expect($('#claim-version-note').hidden).toBe(true);
    expect(document.querySelectorAll('mark.claim.selected').length).toBeGreaterThan(0);

    $('#lang').click();
    expect($('#claims-earlier h3').textContent).toBe('Sur une version antérieure');
  });

  it('says there are no claims on this version when all of them are on earlier ones', async () => {
    m.getArticle.mockResolvedValue({ ...ARTICLE, version: 3 });
    m.listClaims.mockResolvedValue([{ ...outer(), version: 2 }]);
    await boot();
    expect(document.querySelectorAll('mark.claim').length).toBe(0);
    expect($('#claims > li.empty').textContent).toContain('No claims on this version yet');
    expect($('#claims-earlier').textContent).toContain('version 2');
  });

  // --- claim history ----------------------------------------------------------------------

  /** An RFC 3339 UTC timestamp for a local wall-clock time, so the expected text needs no TZ. */
  const localAt = (day: number, hour: number, minute: number) => new Date(2026, 10, day, hour, minute).toISOString();
  const LONG_NOTE =
    'Selon l’INSEE, le taux de prélèvements obligatoires a augmenté de 0,4 point en 2023, loin des 12 % annoncés par le ministre.';
  /** As the host sends it: oldest first, the initial values included. */
  const outerHistory = (): HistoryEntry[] => [
    { at: localAt(29, 23, 58), reviewer: 'Camille Martin', field: 'verdict', old: null, new: 'false' },
    { at: localAt(29, 23, 58), reviewer: 'Camille Martin', field: 'status', old: null, new: 'draft' },
    { at: localAt(30, 0, 12), reviewer: 'Jean Dupuis', field: 'claimant', old: null, new: 'Le ministre' },
    { at: localAt(30, 0, 20), reviewer: 'Jean Dupuis', field: 'note', old: null, new: LONG_NOTE },
    { at: localAt(30, 0, 35), reviewer: 'Camille Martin', field: 'verdict', old: 'false', new: 'misleading' },
    { at: localAt(30, 0, 35), reviewer: 'Camille Martin', field: 'status', old: 'draft', new: 'in_review' },
    { at: localAt(30, 0, 40), reviewer: 'Camille Martin', field: 'claimant', old: 'Le ministre', new: null },
    { at: localAt(30, 0, 41), reviewer: 'Camille Martin', field: 'source_url', old: null, new: 'https://example.org/x' },
  ];
  const historyItems = () => Array.from(document.querySelectorAll<HTMLElement>('#claim-history-list li'));
  const part = (li: HTMLElement, cls: string) => li.querySelector<HTMLElement>(`.${cls}`)!;

  it('shows the selected claim’s history newest first, with field, verdict and status labels and “—” for nothing', async () => {
    m.claimHistory.mockResolvedValue(outerHistory());
    await boot();
    expect(m.claimHistory).not.toHaveBeenCalled(); // nothing selected yet
    $('#claims li[data-claim-id="c-outer"]').click();
    expect(m.claimHistory).toHaveBeenCalledTimes(1);
    expect(m.claimHistory).toHaveBeenCalledWith('c-outer');
    await flush();

    const details = $<HTMLDetailsElement>('#claim-history');
    expect(details.tagName).toBe('DETAILS');
    expect($('#claim-editor').contains(details)).toBe(true);
    // Below the fields and the save row.
    for (const above of ['#claim-note', '#save-state']) {
      expect($(above).compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING, above).toBeTruthy();
    }
    expect(details.querySelector('summary')?.textContent).toBe('History (8 changes)');
    expect($('#claim-history-error').hidden).toBe(true);

    const items = historyItems();
    expect(items.map((li) => li.dataset.field)).toEqual([
      'source_url', 'claimant', 'status', 'verdict', 'note', 'claimant', 'status', 'verdict',
    ]);
    expect(items.map((li) => part(li, 'history-change').textContent)).toEqual([
      'source_url: — → https://example.org/x',
      'Claimant: Le ministre → —',
      'Status: Draft → In review',
      'Verdict: False → Misleading',
      `Note: — → ${LONG_NOTE.slice(0, 80).trimEnd()}…`,
      'Claimant: — → Le ministre',
      'Status: — → Draft',
      'Verdict: — → False',
    ]);
    expect(part(items[3], 'history-at').textContent).toBe('30 Nov 2026, 00:35');
    expect(part(items[3], 'history-at').getAttribute('datetime')).toBe(localAt(30, 0, 35));
    expect(part(items[3], 'history-reviewer').textContent).toBe('Camille Martin');
    expect(part(items[5], 'history-reviewer').textContent).toBe('Jean Dupuis');
    // A long note is cut, the whole of it in the title; short values have no title.
    const note = part(items[4], 'history-new');
    expect(Array.from(note.textContent!).length).toBeLessThanOrEqual(81);
    expect(note.getAttribute('title')).toBe(LONG_NOTE);
    expect(part(items[4], 'history-old').classList.contains('empty')).toBe(true);
    expect(part(items[3], 'history-new').hasAttribute('title')).toBe(false);
  });

  it('re-renders the history labels when the language changes, without asking the host again', async () => {
    m.claimHistory.mockResolvedValue(outerHistory());
    await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    await flush();
    $('#lang').click();
    expect($('#claim-history summary').textContent).toBe('Historique (8 modifications)');
    const items = historyItems();
    expect(items.map((li) => part(li, 'history-change').textContent).slice(0, 4)).toEqual([
      'source_url\u00a0: — → https://example.org/x',
      'Auteur de l’affirmation\u00a0: Le ministre → —',
      'Statut\u00a0: Brouillon → En relecture',
      'Verdict\u00a0: Faux → Trompeur',
    ]);
    expect(part(items[3], 'history-at').textContent).toBe('30 nov. 2026, 00:35');
    $('#lang').click();
    expect(part(historyItems()[2], 'history-change').textContent).toBe('Status: Draft → In review');
    expect(m.claimHistory).toHaveBeenCalledTimes(1);
  });

  it('loads the history when the section is opened, but not again while a request is in flight', async () => {
    const replies = holdHistoryReplies();
    const app = await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    expect(replies.length).toBe(1);
    const details = $<HTMLDetailsElement>('#claim-history');
    expect(details.querySelector('summary')?.textContent).toBe('History');
    expect(details.textContent).toContain('Loading…');
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    expect(replies.length).toBe(1);
    replies[0].resolve(outerHistory().slice(0, 2));
    await flush();
    expect(details.querySelector('summary')?.textContent).toBe('History (2 changes)');
    expect(details.textContent).not.toContain('Loading…');

    // Opened again later: asked again (another reviewer may have changed the claim).
    details.open = false;
    details.dispatchEvent(new Event('toggle'));
    expect(replies.length).toBe(1);
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    expect(replies.length).toBe(2);
    replies[1].resolve(outerHistory().slice(0, 3));
    await app.panel.history.settled();
    expect(details.querySelector('summary')?.textContent).toBe('History (3 changes)');

    // A claim with no history yet says so.
    m.claimHistory.mockResolvedValue([]);
    $('#claims li[data-claim-id="c-inner"]').click();
    await flush();
    expect(details.querySelector('summary')?.textContent).toBe('History (0 changes)');
    expect(details.textContent).toContain('No changes recorded.');
  });

  it('keeps the history of the claim selected when an earlier request answers late', async () => {
    const outerReply = deferred<HistoryEntry[]>();
    m.claimHistory.mockImplementation((id) =>
      id === 'c-outer'
        ? outerReply.promise
        : Promise.resolve([{ at: localAt(30, 1, 0), reviewer: 'Camille Martin', field: 'status', old: null, new: 'in_review' }]),
    );
    await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    $('#claims li[data-claim-id="c-inner"]').click();
    await flush();
    outerReply.resolve(outerHistory());
    await flush();
    expect(historyItems().map((li) => part(li, 'history-change').textContent)).toEqual(['Status: — → In review']);
    expect($('#claim-history summary').textContent).toBe('History (1 change)');
    $('#lang').click(); // re-renders what is kept
    expect(historyItems().map((li) => part(li, 'history-change').textContent)).toEqual(['Statut\u00a0: — → En relecture']);
  });

  it('refreshes the history once the claim’s saves are done, not on every keystroke', async () => {
    m.claimHistory.mockResolvedValue(outerHistory().slice(0, 2));
    const app = await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    await flush();
    expect(m.claimHistory).toHaveBeenCalledTimes(1);

    const claimant = $<HTMLInputElement>('#claim-claimant');
    type(claimant, 'L');
    type(claimant, 'Le');
    type(claimant, 'Le ministre');
    updates[0].reply.resolve({ ...outer(), claimant: 'L' });
    await flush();
    expect(updates.length).toBe(2); // the coalesced rest is on its way
    expect(m.claimHistory).toHaveBeenCalledTimes(1);

    m.claimHistory.mockResolvedValue([
      ...outerHistory().slice(0, 2),
      { at: localAt(30, 0, 50), reviewer: 'Camille Martin', field: 'claimant', old: null, new: 'Le ministre' },
    ]);
    updates[1].reply.resolve({ ...outer(), claimant: 'Le ministre' });
    await app.panel.queue.idle();
    await flush();
    expect(m.claimHistory).toHaveBeenCalledTimes(2);
    expect(m.claimHistory).toHaveBeenLastCalledWith('c-outer');
    expect($('#claim-history summary').textContent).toBe('History (3 changes)');
    expect(part(historyItems()[0], 'history-change').textContent).toBe('Claimant: — → Le ministre');

    // A refused save changes nothing: no refresh.
    type(claimant, 'Le ministre des finances');
    updates[2].reply.reject('database is locked');
    await app.panel.queue.idle();
    await flush();
    expect(m.claimHistory).toHaveBeenCalledTimes(2);
  });

  it('asks again after a save that lands while the history is being loaded', async () => {
    const replies = holdHistoryReplies();
    const app = await boot();
    $('#claims li[data-claim-id="c-inner"]').click();
    change($<HTMLSelectElement>('#claim-verdict'), 'true');
    updates[0].reply.resolve({ ...inner(), verdict: 'true' });
    await app.panel.queue.idle();
    await flush();
    expect(replies.length).toBe(1); // the first request is still in flight
    replies[0].resolve([]);
    await flush();
    expect(replies.length).toBe(2); // it may have been answered before the save: asked again
    replies[1].resolve([{ at: localAt(30, 1, 0), reviewer: 'Camille Martin', field: 'verdict', old: null, new: 'true' }]);
    await app.panel.history.settled();
    expect(part(historyItems()[0], 'history-change').textContent).toBe('Verdict: — → True');
  });

  it('shows a failure to load the history inside the section, not in the banner', async () => {
    m.claimHistory.mockRejectedValue('database is locked');
    await boot();
    $('#claims li[data-claim-id="c-outer"]').click();
    await flush();
    const error = $('#claim-history-error');
    expect($('#claim-history').contains(error)).toBe(true);
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe('Could not load the history: database is locked');
    expect($('#error-banner').hidden).toBe(true);
    expect($('#claim-history summary').textContent).toBe('History');
    $('#lang').click();
    expect(error.textContent).toBe('Impossible de charger l’historique\u00a0: database is locked');
    $('#lang').click();

    // Opening the section tries again.
    m.claimHistory.mockResolvedValue(outerHistory());
    const details = $<HTMLDetailsElement>('#claim-history');
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await flush();
    expect(error.hidden).toBe(true);
    expect(historyItems().length).toBe(8);
  });
});

describe('import helpers', () => {
  it('recognises http(s) addresses only', () => {
    expect(isWebAddress('https://example.org/a?b=1')).toBe(true);
    expect(isWebAddress(' http://example.org ')).toBe(true);
    expect(isWebAddress('HTTPS://EXAMPLE.ORG/')).toBe(true);
    expect(isWebAddress('example.org')).toBe(false);
    expect(isWebAddress('ftp://example.org')).toBe(false);
    expect(isWebAddress('https://')).toBe(false);
    expect(isWebAddress('https://exa mple.org')).toBe(false);
    expect(isWebAddress('')).toBe(false);
  });

  it('names files by their last path component', () => {
    expect(fileName('/home/c/a.html')).toBe('a.html');
    expect(fileName('C:\\Users\\c\\b.txt')).toBe('b.txt');
    expect(fileName('plain')).toBe('plain');
  });

  it('summarises a folder import in both languages', () => {
    const outcome = (existing: boolean, new_version: boolean): ImportOutcome => ({ article: { ...ARTICLE }, existing, new_version, carried: null });
    const one: FolderReport = { imported: [outcome(false, false)], failed: [] };
    const many: FolderReport = {
      imported: [outcome(false, true), outcome(false, true), outcome(true, false), outcome(true, false), outcome(false, false)],
      failed: [
        { path: 'a', error: 'x' },
        { path: 'b', error: 'y' },
      ],
    };
    setLang('en', null);
    expect(folderSummary(one)).toBe('Imported 1 article (0 new versions, 0 already there); 0 files skipped');
    expect(folderSummary(many)).toBe('Imported 5 articles (2 new versions, 2 already there); 2 files skipped');
    setLang('fr', null);
    expect(folderSummary(one)).toBe('1 article importé (0 nouvelle version, 0 déjà présent)\u00a0; 0 fichier ignoré');
    expect(folderSummary(many)).toBe('5 articles importés (2 nouvelles versions, 2 déjà présents)\u00a0; 2 fichiers ignorés');
    setLang('en', null);
  });
});
