import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, ClaimFields } from '../src/api';
import * as api from '../src/api';
import { startApp, type App } from '../src/app';
import { setLang } from '../src/i18n';
import { ARTICLE, SESSION, SUMMARIES, TEXT, cp, deferred, flush, makeClaim, type Deferred } from './fixtures';

vi.mock('../src/api', () => ({
  session: vi.fn(),
  listArticles: vi.fn(),
  getArticle: vi.fn(),
  importText: vi.fn(),
  importFile: vi.fn(),
  listClaims: vi.fn(),
  createClaim: vi.fn(),
  updateClaim: vi.fn(),
  exportJson: vi.fn(),
}));

const m = vi.mocked(api);

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => {
  const found = document.querySelector<T>(sel);
  if (!found) throw new Error(`missing ${sel}`);
  return found;
};

const outer = () => makeClaim({ id: 'c-outer', start: cp('Les impôts'), end: cp('2023') + 4, verdict: 'false' });
const inner = () => makeClaim({ id: 'c-inner', start: cp('12 %'), end: cp('12 %') + 4, status: 'in_review' });

function select(startNode: Node, startOffset: number, endNode: Node, endOffset: number): void {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function boot(): Promise<App> {
  document.body.textContent = '';
  const mount = document.createElement('div');
  mount.id = 'app';
  document.body.append(mount);
  const app = await startApp(mount);
  await flush();
  return app;
}

describe('app', () => {
  let updates: { id: string; fields: ClaimFields; reply: Deferred<Claim> }[];

  beforeEach(() => {
    localStorage.clear();
    setLang('en', null);
    localStorage.setItem('claimdesk.lang', 'en');
    updates = [];
    for (const fn of Object.values(m)) (fn as ReturnType<typeof vi.fn>).mockReset();
    m.session.mockResolvedValue(SESSION);
    m.listArticles.mockResolvedValue(SUMMARIES.map((s) => ({ ...s })));
    m.getArticle.mockResolvedValue({ ...ARTICLE });
    m.listClaims.mockResolvedValue([inner(), outer()]);
    m.updateClaim.mockImplementation((id, fields) => {
      const reply = deferred<Claim>();
      updates.push({ id, fields, reply });
      return reply.promise;
    });
  });

  it('builds the layout with the expected ids', async () => {
    await boot();
    for (const id of [
      'reviewer', 'import-file', 'import-paste', 'export-json', 'lang', 'paste-panel', 'paste-text', 'paste-url',
      'paste-submit', 'article-list', 'reader', 'article-title', 'article-meta', 'article-text', 'claims',
      'claim-editor', 'claim-claimant', 'claim-verdict', 'claim-status', 'claim-note', 'save-state', 'make-claim',
      'error-banner',
    ]) {
      expect(document.getElementById(id), id).not.toBeNull();
    }
    expect($('#reviewer').textContent).toBe('Camille Martin');
    expect($('#import-file').textContent).toBe('Import file…');
    expect($('#paste-panel').hidden).toBe(true);
    expect($('#error-banner').hidden).toBe(true);
  });

  it('lists the articles and opens the first one with its claims', async () => {
    await boot();
    const items = Array.from(document.querySelectorAll<HTMLElement>('#article-list li[data-article-id]'));
    expect(items.map((li) => li.dataset.articleId)).toEqual(['art-1', 'art-2']);
    expect(items[0].classList.contains('current')).toBe(true);
    expect(items[0].textContent).toContain('Le Quotidien · 5 Mar 2024');
    expect(items[0].textContent).toContain('1 claim');
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
    choose($<HTMLSelectElement>('#claim-verdict'), 'true');
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
    choose(status, 'reviewed');
    updates[0].reply.resolve({ ...inner(), status: 'reviewed' });
    await app.panel.queue.idle();
    expect(status.value).toBe('reviewed');
    expect(Array.from(status.options).map((o) => o.value)).toEqual(['reviewed', 'in_review', 'published']);
    expect($('#claims li[data-claim-id="c-inner"]').textContent).toContain('Reviewed');

    choose(status, 'published');
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
    expect($('#article-list li[data-article-id="art-1"]').textContent).toContain('2 claims');
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
    m.importText.mockResolvedValue({ article: pasted, existing: false });
    m.listArticles.mockResolvedValue([...SUMMARIES, { ...pasted, claims: 0 }]);
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
    expect(m.importText).toHaveBeenCalledWith('Texte collé.', 'https://example.org/x');
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
    m.importFile.mockResolvedValueOnce({ article: { ...ARTICLE }, existing: true });
    $('#import-file').click();
    await flush();
    expect($('#notice').textContent).toContain('already imported');
  });

  it('exports the current article and shows the path and count', async () => {
    await boot();
    m.exportJson.mockResolvedValue({ path: '/home/camille/claims.json', claims: 4 });
    $('#export-json').click();
    await flush();
    expect(m.exportJson).toHaveBeenCalledWith('art-1');
    expect($('#notice').hidden).toBe(false);
    expect($('#notice').textContent).toContain('Exported 4 claims to /home/camille/claims.json');
  });

  it('exports everything when no article is open', async () => {
    m.listArticles.mockResolvedValue([]);
    await boot();
    m.exportJson.mockResolvedValue(null);
    $('#export-json').click();
    await flush();
    expect(m.exportJson).toHaveBeenCalledWith(null);
    expect($('#notice').hidden).toBe(true);
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
    expect($('#article-list').textContent).toContain('1 affirmation');
    $('#lang').click();
    expect($('#import-file').textContent).toBe('Import file…');
  });

  it('starts in French when the system language is French and nothing is remembered', async () => {
    localStorage.clear();
    const spy = vi.spyOn(navigator, 'language', 'get').mockReturnValue('fr-FR');
    await boot();
    expect($('#import-paste').textContent).toBe('Coller un texte…');
    expect($('#article-list').textContent).toContain('1 affirmation');
    expect(document.documentElement.lang).toBe('fr');
    spy.mockRestore();
  });
});
