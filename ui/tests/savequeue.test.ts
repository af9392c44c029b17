import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, ClaimFields } from '../src/api';
import * as api from '../src/api';
import { SaveQueue, type SaveState } from '../src/claims';
import { deferred, flush, makeClaim, type Deferred } from './fixtures';

vi.mock('../src/api', () => ({
  updateClaim: vi.fn(),
  claimHistory: vi.fn(),
}));

const updateClaim = vi.mocked(api.updateClaim);

type Call = { id: string; fields: ClaimFields; reply: Deferred<Claim> };

/** Makes updateClaim answer only when the test resolves a call's reply; returns the calls. */
function holdUpdates(): Call[] {
  const calls: Call[] = [];
  updateClaim.mockReset();
  updateClaim.mockImplementation((id: string, fields: ClaimFields) => {
    const reply = deferred<Claim>();
    calls.push({ id, fields, reply });
    return reply.promise;
  });
  return calls;
}

describe('SaveQueue', () => {
  let calls: Call[];

  beforeEach(() => {
    calls = holdUpdates();
  });

  const claimFor = (id: string, fields: ClaimFields) => makeClaim({ id, start: 0, end: 2, ...fields } as Claim);

  it('keeps one request in flight per claim and coalesces the latest value of each field', async () => {
    const saved: ClaimFields[] = [];
    const states: SaveState['kind'][] = [];
    const queue = new SaveQueue({
      onSaved: (_claim, sent) => saved.push(sent),
      onState: (_id, state) => states.push(state.kind),
    });
    queue.enqueue('c1', { claimant: 'M' });
    queue.enqueue('c1', { claimant: 'Mi' });
    queue.enqueue('c1', { note: 'n' });
    queue.enqueue('c1', { claimant: 'Min' });
    queue.enqueue('c1', { note: 'no' });
    expect(updateClaim).toHaveBeenCalledTimes(1);
    expect(calls[0].fields).toEqual({ claimant: 'M' });
    expect(queue.busy('c1')).toBe(true);

    calls[0].reply.resolve(claimFor('c1', { claimant: 'M' }));
    await flush();
    expect(updateClaim).toHaveBeenCalledTimes(2);
    expect(calls[1].fields).toEqual({ claimant: 'Min', note: 'no' });
    expect(queue.state('c1').kind).toBe('saving');

    calls[1].reply.resolve(claimFor('c1', { claimant: 'Min' }));
    await queue.idle();
    expect(updateClaim).toHaveBeenCalledTimes(2);
    expect(saved).toEqual([{ claimant: 'M' }, { claimant: 'Min', note: 'no' }]);
    expect(queue.state('c1').kind).toBe('saved');
    expect(queue.busy()).toBe(false);
    expect(states[states.length - 1]).toBe('saved');
  });

  it('does not let one claim wait for another', async () => {
    const queue = new SaveQueue();
    queue.enqueue('a', { note: 'x' });
    queue.enqueue('b', { note: 'y' });
    expect(calls.map((c) => c.id)).toEqual(['a', 'b']);
    calls[0].reply.resolve(claimFor('a', {}));
    calls[1].reply.resolve(claimFor('b', {}));
    await queue.idle();
  });

  it('sends the last keystroke immediately when nothing is in flight (no debounce)', async () => {
    const queue = new SaveQueue();
    queue.enqueue('c1', { note: 'final' });
    expect(calls[0].fields).toEqual({ note: 'final' });
    calls[0].reply.resolve(claimFor('c1', { note: 'final' }));
    await queue.idle();
  });

  it('reports errors, keeps failed text fields for the next request, and drops a refused status', async () => {
    const errors: [ClaimFields, string][] = [];
    const queue = new SaveQueue({ onError: (_id, sent, message) => errors.push([sent, message]) });
    queue.enqueue('c1', { claimant: 'Jean', status: 'published' });
    calls[0].reply.reject('transition draft → published is not allowed');
    await flush();
    expect(errors).toEqual([[{ claimant: 'Jean', status: 'published' }, 'transition draft → published is not allowed']]);
    expect(queue.state('c1')).toEqual({ kind: 'error', message: 'transition draft → published is not allowed' });
    expect(queue.hasFailed('c1')).toBe(true);
    expect(queue.busy('c1')).toBe(false);

    // The next edit carries the failed claimant along (the newer note too), not the status.
    queue.enqueue('c1', { note: 'source?' });
    expect(calls[1].fields).toEqual({ claimant: 'Jean', note: 'source?' });
    calls[1].reply.resolve(claimFor('c1', { claimant: 'Jean', note: 'source?' }));
    await queue.idle();
    expect(queue.state('c1').kind).toBe('saved');
    expect(queue.hasFailed('c1')).toBe(false);
  });

  it('lets a newer value win over a failed one, and retries on demand', async () => {
    const queue = new SaveQueue();
    queue.enqueue('c1', { claimant: 'old' });
    queue.enqueue('c1', { claimant: 'new' });
    calls[0].reply.reject(new Error('database is locked'));
    await flush();
    expect(calls[1].fields).toEqual({ claimant: 'new' });
    calls[1].reply.reject({ message: 'still locked' });
    await flush();
    expect(queue.state('c1')).toEqual({ kind: 'error', message: 'still locked' });
    queue.retry('c1');
    expect(calls[2].fields).toEqual({ claimant: 'new' });
    calls[2].reply.resolve(claimFor('c1', { claimant: 'new' }));
    await queue.idle();
    expect(queue.state('c1').kind).toBe('saved');
  });
});

describe('SaveQueue actions', () => {
  let calls: Call[];

  beforeEach(() => {
    calls = holdUpdates();
  });

  const claim = () => makeClaim({ id: 'c1', start: 0, end: 2 });

  it('sends each action alone and in order with the edits around it, never coalesced', async () => {
    const queue = new SaveQueue();
    queue.enqueue('c1', { note: 'a' });
    const first = queue.act('c1', { add_tags: ['x'] });
    const second = queue.act('c1', { add_tags: ['y'] });
    queue.enqueue('c1', { note: 'ab' });
    queue.enqueue('c1', { note: 'abc' });
    for (let i = 0; i < 4; i++) {
      calls[i].reply.resolve(claim());
      await flush();
    }
    await Promise.all([first, second]);
    await queue.idle();
    expect(calls.map((c) => c.fields)).toEqual([
      { note: 'a' },
      { add_tags: ['x'] },
      { add_tags: ['y'] },
      { note: 'abc' },
    ]);
    expect(queue.state('c1').kind).toBe('saved');
  });

  it('rejects a refused action without keeping it, and does not carry failed fields into actions', async () => {
    const queue = new SaveQueue();
    queue.enqueue('c1', { note: 'n' });
    calls[0].reply.reject('database is locked');
    await flush();
    const act = queue.act('c1', { claimant_url: 'htp:/x' });
    expect(calls[1].fields).toEqual({ claimant_url: 'htp:/x' });
    calls[1].reply.reject('claimant_url must be an http(s) URL');
    await expect(act).rejects.toBe('claimant_url must be an http(s) URL');
    await queue.idle();
    expect(queue.state('c1')).toEqual({ kind: 'error', message: 'claimant_url must be an http(s) URL' });

    // The next edit carries the failed note along, not the refused URL.
    queue.enqueue('c1', { claimant: 'J' });
    expect(calls[2].fields).toEqual({ note: 'n', claimant: 'J' });
    calls[2].reply.resolve(claim());
    await queue.idle();
    expect(queue.state('c1').kind).toBe('saved');
  });

  it('keeps showing a failed edit after an action succeeds', async () => {
    const queue = new SaveQueue();
    queue.enqueue('c1', { note: 'n' });
    calls[0].reply.reject('locked');
    await flush();
    const act = queue.act('c1', { add_tags: ['x'] });
    calls[1].reply.resolve(claim());
    await act;
    await queue.idle();
    expect(queue.state('c1')).toEqual({ kind: 'error', message: 'locked' });
    expect(queue.hasFailed('c1')).toBe(true);
  });
});
