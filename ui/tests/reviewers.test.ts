// Reviewers: the acting reviewer's badge, the chooser at start-up (when nobody was named) and to
// switch, and what is reloaded for the new reviewer.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../src/api';
import { initialsOf, isLight, safeColour } from '../src/reviewers';
import { $, change, mountApp, press, stubHost, type, type PendingUpdate } from './harness';
import { CAMILLE, LEA, SESSION, SESSION_LEA, cp, flush, makeClaim } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

const outer = () => makeClaim({ id: 'c-outer', start: cp('Les impôts'), end: cp('2023') + 4, verdict: 'false' });
const options = () => Array.from(document.querySelectorAll<HTMLButtonElement>('#reviewer-options button[data-name]'));

describe('badges', () => {
  it('makes initials from the first and last names', () => {
    expect(initialsOf('Léa Petit')).toBe('LP');
    expect(initialsOf('  jean  de la fontaine ')).toBe('JF');
    expect(initialsOf('Awa')).toBe('AW');
    expect(initialsOf('Émile')).toBe('ÉM');
    expect(initialsOf('')).toBe('?');
  });

  it('accepts only plain hex colours, and picks dark text on light ones', () => {
    expect(safeColour('#f2c94c')).toBe('#f2c94c');
    expect(safeColour('red; background: url(x)')).toBe('#7a8088');
    expect(safeColour(undefined)).toBe('#7a8088');
    expect(isLight('#f2c94c')).toBe(true);
    expect(isLight('#2451b3')).toBe(false);
    expect(isLight('#fff')).toBe(true);
  });
});

describe('reviewer in the window', () => {
  let updates: PendingUpdate[];

  beforeEach(() => {
    updates = stubHost(m, [outer()]);
  });

  it('shows the acting reviewer as a badge in their colour with their name, and no chooser when named at start-up', async () => {
    await mountApp();
    const badge = $('#reviewer-badge .badge');
    expect(badge.textContent).toBe('CM');
    expect(badge.style.getPropertyValue('--badge')).toBe('#2451b3');
    expect(badge.classList.contains('on-light')).toBe(false);
    expect($('#reviewer').textContent).toBe('Camille Martin');
    expect($('#reviewer-badge').getAttribute('title')).toBe('Reviewing as Camille Martin — switch reviewer (W)');
    expect($('#reviewer-chooser').hidden).toBe(true);
  });

  it('asks who is reviewing at start-up when nobody was named, the OS user preselected; Enter confirms', async () => {
    m.session.mockResolvedValue({ ...SESSION, chosen: false });
    m.chooseReviewer.mockResolvedValue({ ...SESSION, chosen: true });
    await mountApp();
    const chooser = $('#reviewer-chooser');
    expect(chooser.hidden).toBe(false);
    const name = $<HTMLInputElement>('#reviewer-name');
    expect(name.value).toBe('Camille Martin');
    expect(document.activeElement).toBe(name);
    expect(options().map((b) => b.dataset.name)).toEqual(['Camille Martin', 'Léa Petit']);
    expect(options()[0].getAttribute('aria-current')).toBe('true');
    expect($('#reviewer-cancel').hidden).toBe(true);
    // It must be answered: Escape does not close it, and other keys do nothing meanwhile.
    press('Escape', {}, name);
    press('g', {}, document.body);
    expect(chooser.hidden).toBe(false);
    expect($('#dashboard').hidden).toBe(true);

    name.form!.requestSubmit();
    await flush();
    expect(m.chooseReviewer).toHaveBeenCalledWith('Camille Martin');
    expect(chooser.hidden).toBe(true);
  });

  it('takes a new name typed, and a known one typed in another case or without accents as that reviewer', async () => {
    m.session.mockResolvedValue({ ...SESSION, chosen: false });
    m.chooseReviewer.mockImplementation(async (name) => ({
      ...SESSION,
      reviewer: name === 'Léa Petit' ? LEA : { ...CAMILLE, id: 'r-new', name, initials: 'NR', colour: '#136f63' },
    }));
    await mountApp();
    const name = $<HTMLInputElement>('#reviewer-name');
    type(name, 'lea');
    expect(options().map((b) => b.dataset.name)).toEqual(['Léa Petit']);
    type(name, 'lea petit');
    name.form!.requestSubmit();
    await flush();
    expect(m.chooseReviewer).toHaveBeenLastCalledWith('Léa Petit');
    expect($('#reviewer').textContent).toBe('Léa Petit');
    expect($('#reviewer-badge .badge').classList.contains('on-light')).toBe(true); // LP is yellow

    $('#reviewer-badge').click();
    type($<HTMLInputElement>('#reviewer-name'), 'Nouvelle Recrue');
    expect($('#reviewer-options').textContent).toContain('Enter adds them');
    $<HTMLInputElement>('#reviewer-name').form!.requestSubmit();
    await flush();
    expect(m.chooseReviewer).toHaveBeenLastCalledWith('Nouvelle Recrue');
    expect($('#reviewer-badge .badge').textContent).toBe('NR');
  });

  it('goes through the known reviewers with the arrow keys and picks one with its button', async () => {
    m.chooseReviewer.mockResolvedValue(SESSION_LEA);
    await mountApp();
    press('w', {}, document.body);
    expect($('#reviewer-chooser').hidden).toBe(false);
    expect($('#reviewer-cancel').hidden).toBe(false);
    const name = $<HTMLInputElement>('#reviewer-name');
    press('ArrowDown', {}, name);
    expect(document.activeElement).toBe(options()[0]);
    press('ArrowDown');
    expect(document.activeElement).toBe(options()[1]);
    press('ArrowDown');
    expect(document.activeElement).toBe(name);
    press('ArrowUp');
    expect(document.activeElement).toBe(options()[1]);
    options()[1].click();
    await flush();
    expect(m.chooseReviewer).toHaveBeenCalledWith('Léa Petit');
  });

  it('closes the chooser with Escape when switching, back where the focus was', async () => {
    await mountApp();
    $('#reviewer-badge').focus();
    $('#reviewer-badge').click();
    expect($('#reviewer-chooser').hidden).toBe(false);
    press('Escape');
    expect($('#reviewer-chooser').hidden).toBe(true);
    expect(document.activeElement).toBe($('#reviewer-badge'));
    expect(m.chooseReviewer).not.toHaveBeenCalled();
  });

  it('keeps the chooser open with the host’s message when it refuses the name', async () => {
    m.chooseReviewer.mockRejectedValue('a reviewer name cannot contain a newline');
    await mountApp();
    press('w', {}, document.body);
    $<HTMLInputElement>('#reviewer-name').form!.requestSubmit();
    await flush();
    expect($('#reviewer-chooser').hidden).toBe(false);
    expect($('#reviewer-error').textContent).toBe('a reviewer name cannot contain a newline');
    type($<HTMLInputElement>('#reviewer-name'), '   ');
    $<HTMLInputElement>('#reviewer-name').form!.requestSubmit();
    await flush();
    expect($('#reviewer-error').textContent).toBe('Type a name.');
    expect(m.chooseReviewer).toHaveBeenCalledTimes(1);
  });

  it('after a switch, reloads the claims for the new reviewer (blind now), keeps the claim selected, and forgets the undo steps', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    change($<HTMLSelectElement>('#claim-verdict'), 'true');
    m.chooseReviewer.mockResolvedValue(SESSION_LEA);
    press('w', {}, document.body);
    $<HTMLInputElement>('#reviewer-name').value = 'Léa Petit';
    $<HTMLInputElement>('#reviewer-name').form!.requestSubmit();
    await flush();
    // The edit on its way is stored before the switch: it is Camille's.
    expect(m.chooseReviewer).not.toHaveBeenCalled();
    updates[0].reply.resolve({ ...outer(), verdict: 'true' });
    await flush(10);
    expect(m.chooseReviewer).toHaveBeenCalledWith('Léa Petit');
    expect(m.listClaims).toHaveBeenCalledTimes(2);
    expect(m.listArticles).toHaveBeenCalledTimes(2);
    expect(app.panel.selectedId).toBe('c-outer');
    expect($('#claims li[data-claim-id="c-outer"]').dataset.blind).toBe('true');
    expect($('#review-section').dataset.mode).toBe('blind');
    expect($('#notice').textContent).toContain('Now reviewing as Léa Petit.');
    press('z', { ctrlKey: true }, document.body);
    await flush();
    expect(updates.length).toBe(1);
    expect($('#notice').textContent).toContain('Nothing to undo');
  });

  it('shows the chooser in French', async () => {
    m.session.mockResolvedValue({ ...SESSION, chosen: false });
    await mountApp();
    $('#lang').click();
    expect($('#reviewer-chooser-heading').textContent).toBe('Qui vérifie\u00a0?');
    expect($('#reviewer-options').textContent).toContain('actuel');
  });
});
