// Undo/redo of the acting reviewer's own claim changes: the stack, and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y
// in the window (each one an update_claim with the old, or the new, values).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim } from '../src/api';
import * as api from '../src/api';
import { UndoStack, stepFields } from '../src/undo';
import { $, change, mountApp, press, stubHost, type, type PendingUpdate } from './harness';
import { ARTICLE, cp, flush, makeClaim } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

const outer = (over: Partial<Claim> = {}) =>
  makeClaim({ id: 'c-outer', start: cp('Les impôts'), end: cp('2023') + 4, verdict: 'false', ...over });
const inner = (over: Partial<Claim> = {}) =>
  makeClaim({ id: 'c-inner', start: cp('12 %'), end: cp('12 %') + 4, status: 'in_review', ...over });
const step = (before: object, after: object, claimId = 'c1') => ({ claimId, articleId: 'a', before, after });

describe('UndoStack', () => {
  it('undoes and redoes in order; a new change drops what could be redone', () => {
    const stack = new UndoStack();
    stack.record(step({ verdict: '' }, { verdict: 'true' }));
    stack.record(step({ status: 'draft' }, { status: 'in_review' }));
    expect(stack.undo()?.before).toEqual({ status: 'draft' });
    expect(stack.undo()?.before).toEqual({ verdict: '' });
    expect(stack.undo()).toBeUndefined();
    expect(stack.redo()?.after).toEqual({ verdict: 'true' });
    stack.record(step({ note: '' }, { note: 'n' }));
    expect(stack.canRedo).toBe(false);
    expect(stack.undo()?.after).toEqual({ note: 'n' });
  });

  it('makes one step of a typing run until the field is left', () => {
    const stack = new UndoStack();
    stack.record(step({ note: '' }, { note: 'a' }), 'c1:note');
    stack.record(step({ note: 'a' }, { note: 'ab' }), 'c1:note');
    stack.seal();
    stack.record(step({ note: 'ab' }, { note: 'abc' }), 'c1:note');
    stack.record(step({ claimant: '' }, { claimant: 'J' }), 'c1:claimant');
    expect(stack.undo()).toMatchObject({ before: { claimant: '' }, after: { claimant: 'J' } });
    expect(stack.undo()).toMatchObject({ before: { note: 'ab' }, after: { note: 'abc' } });
    expect(stack.undo()).toMatchObject({ before: { note: '' }, after: { note: 'ab' } });
  });

  it('puts a refused step back where it was', () => {
    const stack = new UndoStack();
    const s = step({ status: 'draft' }, { status: 'published' });
    stack.record(s);
    const taken = stack.undo()!;
    stack.failed(taken, 'undo');
    expect(stack.canRedo).toBe(false);
    expect(stack.undo()).toBe(taken);
    expect(stepFields(step({ remove_tags: ['x'] }, { add_tags: ['x'] }))).toEqual(['tags']);
  });
});

describe('undo and redo in the window', () => {
  let updates: PendingUpdate[];

  beforeEach(() => {
    updates = stubHost(m, [inner(), outer()]);
  });

  const ctrl = (k: string, shift = false, target: Element = document.body) => press(k, { ctrlKey: true, shiftKey: shift }, target);

  it('undoes a verdict with Ctrl+Z (update_claim with the old value) and redoes it with Ctrl+Shift+Z and Ctrl+Y', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    change($<HTMLSelectElement>('#claim-verdict'), 'true');
    updates[0].reply.resolve(outer({ verdict: 'true' }));
    await app.panel.queue.idle();
    $<HTMLSelectElement>('#claim-verdict').blur();

    expect(ctrl('z').defaultPrevented).toBe(true);
    await flush();
    expect(updates[1].id).toBe('c-outer');
    expect(updates[1].fields).toEqual({ verdict: 'false' });
    updates[1].reply.resolve(outer({ verdict: 'false' }));
    await flush();
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('false');
    expect($('#claims li[data-claim-id="c-outer"]').textContent).toContain('False');
    expect($('#notice').textContent).toContain('Undone: Verdict of “Les impôts ont augmenté de 12 % en 2023”.');

    ctrl('Z', true);
    await flush();
    expect(updates[2].fields).toEqual({ verdict: 'true' });
    updates[2].reply.resolve(outer({ verdict: 'true' }));
    await flush();
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('true');
    expect($('#notice').textContent).toContain('Redone: Verdict');

    ctrl('z');
    await flush();
    updates[3].reply.resolve(outer({ verdict: 'false' }));
    await flush();
    ctrl('y');
    await flush();
    expect(updates[4].fields).toEqual({ verdict: 'true' });
  });

  it('takes back a whole typing run in one step, and leaves Ctrl+Z to the text field while typing', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    const claimant = $<HTMLInputElement>('#claim-claimant');
    claimant.focus();
    type(claimant, 'L');
    type(claimant, 'Le');
    type(claimant, 'Le ministre');
    // In the field, Ctrl+Z is the field's own (native) undo: the window does nothing.
    expect(ctrl('z', false, claimant).defaultPrevented).toBe(false);
    updates[0].reply.resolve(outer({ claimant: 'L' }));
    await flush();
    updates[1].reply.resolve(outer({ claimant: 'Le ministre' }));
    await app.panel.queue.idle();
    expect(updates.length).toBe(2);

    claimant.blur();
    ctrl('z');
    await flush();
    expect(updates[2].fields).toEqual({ claimant: '' });
    updates[2].reply.resolve(outer({ claimant: null }));
    await flush();
    expect(claimant.value).toBe('');
    expect($('#notice').textContent).toContain('Undone: Claimant');
  });

  it('undoes a status change from a select too (a select has no undo of its own)', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-inner"]').click();
    const status = $<HTMLSelectElement>('#claim-status');
    change(status, 'reviewed');
    updates[0].reply.resolve(inner({ status: 'reviewed' }));
    await app.panel.queue.idle();
    status.focus();
    expect(ctrl('z', false, status).defaultPrevented).toBe(true);
    await flush();
    expect(updates[1].fields).toEqual({ status: 'in_review' });
  });

  it('shows the host’s refusal of an undone status, and keeps the step to try again', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-inner"]').click();
    press('r');
    updates[0].reply.resolve(inner({ status: 'reviewed' }));
    await app.panel.queue.idle();
    ctrl('z');
    await flush();
    expect(updates[1].fields).toEqual({ status: 'in_review' });
    updates[1].reply.reject('a published claim cannot go back to in review');
    await flush();
    expect($('#error-banner').hidden).toBe(false);
    expect($('#error-banner').textContent).toContain('Could not undo: a published claim cannot go back to in review');
    expect($<HTMLSelectElement>('#claim-status').value).toBe('reviewed');
    ctrl('z');
    await flush();
    expect(updates[2].fields).toEqual({ status: 'in_review' });
  });

  it('reverses a tag added or removed', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    const input = $<HTMLInputElement>('#claim-tag-input');
    input.value = 'impôts';
    press('Enter', {}, input);
    updates[0].reply.resolve(outer({ tags: ['impôts'] }));
    await app.panel.queue.idle();
    await flush();
    input.blur();
    ctrl('z');
    await flush();
    expect(updates[1].fields).toEqual({ remove_tags: ['impôts'] });
    updates[1].reply.resolve(outer({ tags: [] }));
    await flush();
    expect($('#claim-tags').textContent).toBe('No tags.');
    ctrl('y');
    await flush();
    expect(updates[2].fields).toEqual({ add_tags: ['impôts'] });
  });

  it('does not record a source added (it cannot be taken back), and says when there is nothing to undo', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    type($<HTMLInputElement>('#evidence-url'), 'https://insee.fr');
    $('#evidence-add').click();
    updates[0].reply.resolve(outer());
    await app.panel.queue.idle();
    (document.activeElement as HTMLElement | null)?.blur();
    ctrl('z');
    await flush();
    expect(updates.length).toBe(1);
    expect($('#notice').textContent).toContain('Nothing to undo');
  });

  it('opens the claim’s article to undo a change made on another article', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    type($<HTMLTextAreaElement>('#claim-note'), 'n');
    updates[0].reply.resolve(outer({ note: 'n' }));
    await app.panel.queue.idle();
    $<HTMLTextAreaElement>('#claim-note').blur();

    m.getArticle.mockResolvedValue({ ...ARTICLE, id: 'art-2', text: 'Autre.' });
    m.listClaims.mockResolvedValue([]);
    await app.openArticle('art-2');
    m.getArticle.mockResolvedValue({ ...ARTICLE });
    m.listClaims.mockResolvedValue([inner(), outer({ note: 'n' })]);
    ctrl('z');
    await flush();
    expect(m.getArticle).toHaveBeenLastCalledWith('art-1');
    expect(app.panel.selectedId).toBe('c-outer');
    expect(updates[1].fields).toEqual({ note: '' });
  });
});
