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

describe('SaveQueue', () => {
  let calls: { id: string; fields: ClaimFields; reply: Deferred<Claim> }[];

  beforeEach(() => {
    calls = [];
    updateClaim.mockReset();
    updateClaim.mockImplementation((id: string, fields: ClaimFields) => {
      const reply = deferred<Claim>();
      calls.push({ id, fields, reply });
      return reply.promise;
    });
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
