// Keyboard-first: the shortcuts, the "?" sheet, and keys left alone while typing.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../src/api';
import { SHORTCUTS, keyMatches, shortcutFor } from '../src/keys';
import { $, mountApp, press, stubHost, type PendingUpdate } from './harness';
import { ARTICLE, SUMMARIES, cp, flush, makeClaim, select } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

const outer = () => makeClaim({ id: 'c-outer', start: cp('Les impôts'), end: cp('2023') + 4, verdict: 'false' });
const inner = () => makeClaim({ id: 'c-inner', start: cp('12 %'), end: cp('12 %') + 4, status: 'in_review' });
const key = (k: string, init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key: k, ...init });

describe('key matching', () => {
  it('matches letters with and without Shift, whatever Caps Lock says', () => {
    expect(keyMatches('j', key('j'))).toBe(true);
    expect(keyMatches('j', key('J'))).toBe(true); // Caps Lock
    expect(keyMatches('j', key('J', { shiftKey: true }))).toBe(false);
    expect(keyMatches('Shift+J', key('J', { shiftKey: true }))).toBe(true);
    expect(keyMatches('j', key('j', { ctrlKey: true }))).toBe(false);
  });

  it('reads digits by key position, so AZERTY keyboards need no Shift', () => {
    expect(keyMatches('1-9', key('é', { code: 'Digit2' }))).toBe(true);
    expect(keyMatches('1-9', key('3', { code: 'Numpad3' }))).toBe(true);
    expect(keyMatches('1-9', key('à', { code: 'Digit0' }))).toBe(false);
    expect(keyMatches('0', key('à', { code: 'Digit0' }))).toBe(true);
    expect(keyMatches('1-9', key('x', { code: 'KeyX' }))).toBe(false);
  });

  it('tells Ctrl+Z from Ctrl+Shift+Z, with Cmd as Ctrl', () => {
    expect(keyMatches('Ctrl+Z', key('z', { ctrlKey: true }))).toBe(true);
    expect(keyMatches('Ctrl+Z', key('z', { metaKey: true }))).toBe(true);
    expect(keyMatches('Ctrl+Z', key('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(keyMatches('Ctrl+Shift+Z', key('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(keyMatches('?', key('?', { shiftKey: true }))).toBe(true);
    expect(keyMatches('ArrowDown', key('ArrowDown', { shiftKey: true }))).toBe(false); // extends a selection
  });

  it('leaves keys to the field being typed in, except the window’s own Ctrl shortcuts', () => {
    const action = (e: KeyboardEvent, text: boolean, field: boolean) => shortcutFor(e, text, field)?.action ?? null;
    expect(action(key('j'), false, false)).toBe('next');
    expect(action(key('j'), true, true)).toBeNull();
    expect(action(key('j'), false, true)).toBeNull(); // a select
    expect(action(key('1', { code: 'Digit1' }), true, true)).toBeNull();
    expect(action(key('z', { ctrlKey: true }), true, true)).toBeNull(); // the field's own undo
    expect(action(key('z', { ctrlKey: true }), false, true)).toBe('undo'); // a select has none
    expect(action(key('y', { ctrlKey: true }), false, false)).toBe('redo');
    expect(action(key('e', { ctrlKey: true }), true, true)).toBe('export');
    expect(action(key('?'), true, true)).toBeNull();
  });
});

describe('shortcuts in the window', () => {
  let updates: PendingUpdate[];

  beforeEach(() => {
    updates = stubHost(m, [inner(), outer()]);
  });

  const body = () => document.body;

  it('goes through the claims with j/k and the arrows: selects, scrolls to it, fills the editor', async () => {
    const app = await mountApp();
    const scroll = vi.fn();
    for (const mk of Array.from(document.querySelectorAll<HTMLElement>('mark.claim'))) mk.scrollIntoView = scroll;
    expect(press('j', {}, body()).defaultPrevented).toBe(true);
    expect(app.panel.selectedId).toBe('c-outer');
    expect(scroll).toHaveBeenCalledWith({ block: 'center' });
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('false');
    press('j', {}, body());
    expect(app.panel.selectedId).toBe('c-inner');
    press('j', {}, body()); // the last one: stays
    expect(app.panel.selectedId).toBe('c-inner');
    press('k', {}, body());
    expect(app.panel.selectedId).toBe('c-outer');
    press('ArrowDown', {}, body());
    expect(app.panel.selectedId).toBe('c-inner');

    // From the list, the focus follows the selection.
    $<HTMLButtonElement>('#claims li[data-claim-id="c-inner"] button').focus();
    press('ArrowUp');
    expect(app.panel.selectedId).toBe('c-outer');
    expect(document.activeElement).toBe($('#claims li[data-claim-id="c-outer"] button'));
  });

  it('sets the verdict with a digit (the n-th rating of the scale) and says when there is none', async () => {
    await mountApp();
    press('j', {}, body());
    press('j', {}, body()); // c-inner, no verdict
    press('3', { code: 'Digit3' }, body());
    expect(updates.map((u) => [u.id, u.fields])).toEqual([['c-inner', { verdict: 'false' }]]);
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('false');
    press('5', { code: 'Digit5' }, body());
    expect(updates.length).toBe(1);
    expect($('#notice').textContent).toContain('No verdict 5: the scale has 4.');
  });

  it('moves the status with a letter when the workflow allows it, and says why not otherwise', async () => {
    await mountApp();
    press('j', {}, body());
    press('j', {}, body()); // c-inner, in review
    press('p', {}, body());
    expect(updates.length).toBe(0);
    expect($('#error-banner').textContent).toContain('In review → Published is not allowed. From In review: Draft, Reviewed, Rejected.');
    press('r', {}, body());
    expect(updates.map((u) => u.fields)).toEqual([{ status: 'reviewed' }]);
    expect($<HTMLSelectElement>('#claim-status').value).toBe('reviewed');
  });

  it('asks to select a claim first', async () => {
    await mountApp();
    press('d', {}, body());
    expect($('#error-banner').textContent).toContain('Select a claim first');
    press('e', {}, body());
    expect($('#notice').textContent).toContain('Select a claim first');
  });

  it('ignores single keys while typing in a field; Escape leaves the field for the list', async () => {
    const app = await mountApp();
    press('j', {}, body());
    press('e', {}, body());
    const note = $<HTMLTextAreaElement>('#claim-note');
    expect(document.activeElement).toBe(note);
    for (const k of ['j', 'k', 'r', 'x', 'g', '?', '/']) expect(press(k, {}, note).defaultPrevented, k).toBe(false);
    expect(press('2', { code: 'Digit2' }, note).defaultPrevented).toBe(false);
    expect(app.panel.selectedId).toBe('c-outer');
    expect(updates.length).toBe(0);
    expect($('#shortcuts').hidden).toBe(true);
    const status = $<HTMLSelectElement>('#claim-status');
    status.focus();
    expect(press('x', {}, status).defaultPrevented).toBe(false);

    note.focus();
    expect(press('Escape', {}, note).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe($('#claims li[data-claim-id="c-outer"] button'));
    press('j');
    expect(app.panel.selectedId).toBe('c-inner');
  });

  it('lists every shortcut in the “?” sheet, which Escape closes', async () => {
    await mountApp();
    press('?', { shiftKey: true }, body());
    const sheet = $('#shortcuts');
    expect(sheet.hidden).toBe(false);
    const rows = Array.from(sheet.querySelectorAll<HTMLElement>('tr[data-action]')).map((tr) => [
      tr.dataset.action,
      tr.querySelector('.shortcut-keys')!.textContent,
    ]);
    expect(rows).toEqual([
      ['next', 'j / ↓'],
      ['prev', 'k / ↑'],
      ['nextArticle', 'Shift+J'],
      ['prevArticle', 'Shift+K'],
      ['newClaim', 'n / Enter'],
      ['note', 'e'],
      ['search', '/'],
      ['leave', 'Esc'],
      ['verdict', '1…9'],
      ['clearVerdict', '0'],
      ['status:draft', 'd'],
      ['status:in_review', 'i'],
      ['status:reviewed', 'r'],
      ['status:published', 'p'],
      ['status:rejected', 'x'],
      ['review', 'v'],
      ['submitReview', 'Ctrl+Enter'],
      ['reviewer', 'w'],
      ['triage', 't'],
      ['confirmAnchor', 'c'],
      ['reattach', 'a'],
      ['versions', 'Shift+V'],
      ['compare', 'Shift+C'],
      ['newVersion', 'Shift+N'],
      ['suggestions', 's'],
      ['nextSuggestion', 'Shift+S'],
      ['acceptSuggestion', 'Enter'],
      ['dismissSuggestion', 'Delete'],
      ['paste', 'Ctrl+Shift+V'],
      ['importFile', 'Ctrl+O'],
      ['importFolder', 'Ctrl+Shift+O'],
      ['export', 'Ctrl+E'],
      ['dashboard', 'g'],
      ['help', '?'],
      ['undo', 'Ctrl+Z'],
      ['redo', 'Ctrl+Shift+Z / Ctrl+Y'],
    ]);
    // Every row says what it does, and the sheet says what undo cannot take back.
    for (const tr of Array.from(sheet.querySelectorAll('tr'))) expect(tr.querySelector('.shortcut-help')!.textContent!.length).toBeGreaterThan(1);
    expect(rows.length).toBe(SHORTCUTS.length);
    expect($('#shortcuts-undo-note').textContent).toContain('Sources added, claims made and second reviews given cannot be undone');
    expect(document.activeElement).toBe($('#shortcuts-close'));
    press('j'); // the sheet keeps the keyboard
    expect(document.querySelector('#claims li.selected')).toBeNull();
    press('Escape');
    expect(sheet.hidden).toBe(true);

    $('#shortcuts-button').click();
    expect(sheet.hidden).toBe(false);
    $('#lang').click();
    expect(sheet.querySelector('h3')!.textContent).toBe('Affirmations');
    expect(sheet.textContent).toContain('Statut → Vérifié');
  });

  it('opens the paste panel with Ctrl+Shift+V and imports with Ctrl+Enter', async () => {
    await mountApp();
    const pasted = { ...ARTICLE, id: 'art-3', title: 'Collé', text: 'Texte collé.' };
    m.importText.mockResolvedValue({ article: pasted, existing: false, new_version: false, carried: null });
    m.getArticle.mockResolvedValue(pasted);
    m.listClaims.mockResolvedValue([]);
    press('V', { ctrlKey: true, shiftKey: true }, body());
    expect($('#paste-panel').hidden).toBe(false);
    const text = $<HTMLTextAreaElement>('#paste-text');
    expect(document.activeElement).toBe(text);
    text.value = 'Texte collé.';
    press('j', {}, text); // typing in the panel does nothing else
    press('Enter', { ctrlKey: true }, text);
    await flush();
    expect(m.importText).toHaveBeenCalledWith('Texte collé.', null, null);
    expect($('#paste-panel').hidden).toBe(true);
    expect($('#article-title').textContent).toBe('Collé');
  });

  it('imports a file, a folder and exports with Ctrl shortcuts', async () => {
    await mountApp();
    m.importFile.mockResolvedValue(null);
    m.importFolder.mockResolvedValue(null);
    m.exportClaims.mockResolvedValue({ path: '/tmp/x.json', claims: 2, warnings: [], split: false });
    press('o', { ctrlKey: true }, body());
    await flush();
    expect(m.importFile).toHaveBeenCalledTimes(1);
    press('O', { ctrlKey: true, shiftKey: true }, body());
    await flush();
    expect(m.importFolder).toHaveBeenCalledTimes(1);
    press('e', { ctrlKey: true }, body());
    expect($('#export-dialog').hidden).toBe(false);
    press('j', {}); // the dialog keeps the keyboard: no claim moves
    $('#export-submit').click();
    await flush();
    expect(m.exportClaims).toHaveBeenCalledWith('json', expect.objectContaining({ statuses: ['reviewed', 'published'] }), false, false);
    expect($('#notice').textContent).toContain('Exported 2 claims to /tmp/x.json');
  });

  it('goes to the next and previous article with Shift+J / Shift+K', async () => {
    await mountApp();
    m.getArticle.mockResolvedValue({ ...ARTICLE, id: 'art-2', title: null });
    press('J', { shiftKey: true }, body());
    await flush();
    expect(m.getArticle).toHaveBeenLastCalledWith('art-2');
    expect($('#article-list li[data-article-id="art-2"]').classList.contains('current')).toBe(true);
    press('J', { shiftKey: true }, body()); // the last article: nothing more
    await flush();
    expect(m.getArticle).toHaveBeenCalledTimes(2);
    m.getArticle.mockResolvedValue({ ...ARTICLE });
    press('K', { shiftKey: true }, body());
    await flush();
    expect(m.getArticle).toHaveBeenLastCalledWith(SUMMARIES[0].id);
  });

  it('makes a claim from the selection with Enter, but leaves Enter alone without one', async () => {
    await mountApp();
    expect(press('Enter', {}, body()).defaultPrevented).toBe(false);
    m.createClaim.mockResolvedValue(makeClaim({ id: 'c-key', start: cp('Fin'), end: cp('Fin') + 4 }));
    const last = document.querySelectorAll('#article-text p')[2];
    select(last, 0, last, last.childNodes.length);
    expect(press('Enter', {}, body()).defaultPrevented).toBe(true);
    await flush();
    expect(m.createClaim).toHaveBeenCalledWith('art-1', cp('Fin'), cp('Fin') + 4, {});
  });
});

describe('dialogs keep the keyboard', () => {
  beforeEach(() => {
    stubHost(m, [inner(), outer()]);
  });

  it('wraps Tab and Shift+Tab inside the open dialog', async () => {
    await mountApp();
    $('#import-paste').click();
    const cancel = $<HTMLButtonElement>('#paste-cancel');
    const submit = $<HTMLButtonElement>('#paste-submit');
    submit.focus();
    expect(press('Tab', {}, submit).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe($('#paste-text'));
    expect(press('Tab', { shiftKey: true }, $('#paste-text')).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(submit);
    cancel.focus();
    expect(press('Tab', {}, cancel).defaultPrevented).toBe(false); // in between: the browser's own order
  });
});
