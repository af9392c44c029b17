import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../src/api';
import { ClaimHistory, EMPTY_VALUE, fieldLabel, historyValue, newestFirst } from '../src/history';
import { setLang } from '../src/i18n';
import { SESSION, deferred, flush, type Deferred } from './fixtures';

vi.mock('../src/api', () => ({
  claimHistory: vi.fn(),
  updateClaim: vi.fn(),
}));

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  at: '2026-11-30T00:35:00Z',
  reviewer: 'Camille Martin',
  field: 'note',
  old: null,
  new: null,
  ...over,
});

describe('history values', () => {
  afterEach(() => setLang('en', null));

  it('labels the known fields in the UI language and others by their key', () => {
    setLang('en', null);
    expect(['claimant', 'verdict', 'status', 'note', 'source_url'].map(fieldLabel)).toEqual([
      'Claimant', 'Verdict', 'Status', 'Note', 'source_url',
    ]);
    expect(fieldLabel('constructor')).toBe('constructor');
    setLang('fr', null);
    expect(['claimant', 'verdict', 'status', 'note'].map(fieldLabel)).toEqual([
      'Auteur de l’affirmation', 'Verdict', 'Statut', 'Note',
    ]);
  });

  it('shows “—” for nothing, verdicts and statuses by their labels, unknown ones by their key', () => {
    setLang('en', null);
    expect(historyValue('note', null, SESSION)).toEqual({ text: EMPTY_VALUE, empty: true });
    expect(historyValue('claimant', '  ', SESSION)).toEqual({ text: EMPTY_VALUE, empty: true });
    expect(historyValue('verdict', 'misleading', SESSION).text).toBe('Misleading');
    expect(historyValue('verdict', 'retired', SESSION).text).toBe('retired');
    expect(historyValue('verdict', 'false', null).text).toBe('false'); // no session yet
    expect(historyValue('status', 'in_review', SESSION).text).toBe('In review');
    expect(historyValue('status', 'archived', SESSION).text).toBe('archived');
    setLang('fr', null);
    expect(historyValue('verdict', 'misleading', SESSION).text).toBe('Trompeur');
    expect(historyValue('status', 'published', SESSION).text).toBe('Publié');
  });

  it('cuts long values at 80 code points and keeps the whole text aside', () => {
    const short = historyValue('note', 'Source: INSEE', SESSION);
    expect(short).toEqual({ text: 'Source: INSEE', empty: false });
    const long = '📱'.repeat(100);
    const cut = historyValue('note', long, SESSION);
    expect(Array.from(cut.text)).toHaveLength(81);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(cut.full).toBe(long);
    // Line breaks are shown as spaces; the text is not "cut" for that.
    expect(historyValue('note', 'a\n\nb', SESSION)).toEqual({ text: 'a b', empty: false });
  });

  it('orders newest first, keeping changes made together in reverse host order', () => {
    const a = entry({ at: '2026-11-30T00:00:00Z', field: 'verdict' });
    const b = entry({ at: '2026-11-30T00:00:00Z', field: 'status' });
    const c = entry({ at: '2026-11-30T00:10:00+01:00', field: 'note' }); // 23:10 UTC the day before
    const d = entry({ at: '2026-11-30T01:00:00Z', field: 'claimant' });
    expect(newestFirst([c, a, b, d]).map((e) => e.field)).toEqual(['claimant', 'status', 'verdict', 'note']);
  });
});

describe('ClaimHistory', () => {
  it('asks once per claim while a request is in flight, and ignores answers for a claim no longer shown', async () => {
    const replies = new Map<string, Deferred<HistoryEntry[]>>();
    const load = vi.fn((id: string) => {
      const reply = deferred<HistoryEntry[]>();
      replies.set(id, reply);
      return reply.promise;
    });
    const view = new ClaimHistory(() => SESSION, load);
    view.show('a');
    view.show('a');
    view.refresh('b'); // not shown: nothing
    expect(load.mock.calls).toEqual([['a']]);
    view.show(null);
    expect(view.root.querySelectorAll('li').length).toBe(0);
    replies.get('a')!.resolve([entry({ new: 'x' })]);
    await flush();
    expect(view.root.querySelectorAll('li').length).toBe(0);
    expect(view.root.querySelector('summary')?.textContent).toBe('History');
  });

  it('shows a loader that throws as an error line', async () => {
    const view = new ClaimHistory(() => SESSION, () => {
      throw new Error('not available');
    });
    view.show('a');
    await flush();
    const error = view.root.querySelector<HTMLElement>('#claim-history-error')!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe('Could not load the history: not available');
  });
});
