// The claims panel's filters and search, and the progress counts per status.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim } from '../src/api';
import * as api from '../src/api';
import { HIDDEN, NO_FILTERS, NONE, fold, matches, matchesText, reviewersOf, tagsOf, type Filters } from '../src/filters';
import { fullCounts, progressBar, statusCounts } from '../src/progress';
import { setLang } from '../src/i18n';
import { $, change, listed, marksOf, mountApp, press, stubHost, type, type PendingUpdate } from './harness';
import { SESSION_LEA, SUMMARIES, cp, flush, makeClaim } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

const first = () =>
  makeClaim({
    id: 'c-price',
    start: cp('Le 📱'),
    end: cp('900') + 9,
    verdict: 'true',
    status: 'published',
    type: 'quantity',
    claimant: 'Le ministre de l’Économie',
    tags: ['prix', 'téléphonie'],
  });
const outer = () =>
  makeClaim({
    id: 'c-outer',
    start: cp('Les impôts'),
    end: cp('2023') + 4,
    verdict: 'false',
    statement: 'Les impôts ont augmenté de 12 %',
    note: 'Voir INSEE, comptes nationaux',
    tags: ['impôts'],
    reviews: [{ reviewer: 'Léa Petit', verdict: 'false', note: null, at: '2024-03-07T10:00:00Z' }],
  });
const inner = () =>
  makeClaim({ id: 'c-inner', start: cp('12 %'), end: cp('12 %') + 4, status: 'in_review', reviewer: 'Hugo Bernard' });

const f = (over: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...over });

describe('filter logic', () => {
  it('matches each filter, and all of them together', () => {
    const [a, b, c] = [first(), outer(), inner()];
    const pass = (filters: Filters) => [a, b, c].filter((x) => matches(x, filters)).map((x) => x.id);
    expect(pass(NO_FILTERS)).toEqual(['c-price', 'c-outer', 'c-inner']);
    expect(pass(f({ status: 'in_review' }))).toEqual(['c-inner']);
    expect(pass(f({ verdict: 'false' }))).toEqual(['c-outer']);
    expect(pass(f({ verdict: NONE }))).toEqual(['c-inner']);
    expect(pass(f({ type: 'quantity' }))).toEqual(['c-price']);
    expect(pass(f({ type: NONE }))).toEqual(['c-outer', 'c-inner']);
    expect(pass(f({ tag: 'impôts' }))).toEqual(['c-outer']);
    // A reviewer is the author or a second reviewer.
    expect(pass(f({ reviewer: 'Léa Petit' }))).toEqual(['c-outer']);
    expect(pass(f({ reviewer: 'Hugo Bernard' }))).toEqual(['c-inner']);
    expect(pass(f({ reviewer: 'Camille Martin', verdict: 'true' }))).toEqual(['c-price']);
    expect(pass(f({ status: 'draft', tag: 'prix' }))).toEqual([]);
  });

  it('never tells blind claims apart by verdict: they match only “hidden”', () => {
    const b = outer();
    expect(matches(b, f({ verdict: 'false' }), true)).toBe(false);
    expect(matches(b, f({ verdict: NONE }), true)).toBe(false);
    expect(matches(b, f({ verdict: HIDDEN }), true)).toBe(true);
    expect(matches(b, f({ verdict: HIDDEN }), false)).toBe(false);
    expect(matches(inner(), f({ verdict: HIDDEN }), true)).toBe(true); // no verdict, hidden all the same
  });

  it('searches the quote, statement, claimant and note, every word, ignoring case and accents', () => {
    expect(fold('Économie ÉTÉ')).toBe('economie ete');
    expect(matchesText(first(), 'economie')).toBe(true); // claimant
    expect(matchesText(first(), '900 EUROS')).toBe(true); // quote
    expect(matchesText(outer(), 'insee nationaux')).toBe(true); // note, two words
    expect(matchesText(outer(), 'augmente 12')).toBe(true); // statement, without the accent
    expect(matchesText(outer(), 'insee ministre')).toBe(false); // every word must be found
    expect(matchesText(outer(), '   ')).toBe(true);
    expect(matchesText(first(), 'prix')).toBe(false); // tags are a filter, not text
  });

  it('offers the reviewers (authors and second reviewers) and tags of the claims', () => {
    expect(reviewersOf([first(), outer(), inner()])).toEqual(['Camille Martin', 'Hugo Bernard', 'Léa Petit']);
    expect(tagsOf([first(), outer(), inner()])).toEqual(['impôts', 'prix', 'téléphonie']);
  });
});

describe('progress counts', () => {
  it('counts claims per status and fills in the statuses the host leaves out', () => {
    expect(statusCounts([first(), outer(), inner()])).toEqual({ draft: 1, in_review: 1, reviewed: 0, published: 1, rejected: 0 });
    expect(fullCounts({ reviewed: 2 })).toEqual({ draft: 0, in_review: 0, reviewed: 2, published: 0, rejected: 0 });
    expect(fullCounts(undefined).draft).toBe(0);
  });

  it('draws a bar split by status with the numbers as text', () => {
    setLang('en', null);
    const full = progressBar({ draft: 2, published: 1 }, false);
    expect(full.dataset.total).toBe('3');
    expect(Array.from(full.querySelectorAll<HTMLElement>('.progress-seg')).map((s) => [s.dataset.status, s.style.flexGrow])).toEqual([
      ['draft', '2'],
      ['published', '1'],
    ]);
    expect(Array.from(full.querySelectorAll('.progress-count')).map((c) => c.textContent)).toEqual([
      'Draft 2', 'In review 0', 'Reviewed 0', 'Published 1', 'Rejected 0',
    ]);
    const compact = progressBar({ draft: 2, published: 1 }, true);
    expect(Array.from(compact.querySelectorAll('.progress-count')).map((c) => c.textContent)).toEqual(['Draft 2', 'Published 1']);
  });
});

describe('filters and progress in the window', () => {
  let updates: PendingUpdate[];

  beforeEach(() => {
    updates = stubHost(m, [inner(), outer(), first()]);
    m.listArticles.mockResolvedValue([
      { ...SUMMARIES[0], claims: 3, statuses: { draft: 1, in_review: 1, published: 1 } },
      { ...SUMMARIES[1], claims: 4, statuses: { reviewed: 3, rejected: 1 } },
    ]);
  });

  it('filters the list by status and shows “k of n”; the highlights of the others are dimmed', async () => {
    await mountApp();
    expect(listed()).toEqual(['c-price', 'c-outer', 'c-inner']);
    expect($('#filter-count').textContent).toBe('Showing all 3');
    expect($('#filter-clear').hidden).toBe(true);
    const statuses = Array.from($<HTMLSelectElement>('#filter-status').options).map((o) => o.textContent);
    expect(statuses).toEqual(['All statuses', 'Draft', 'In review', 'Reviewed', 'Published', 'Rejected']);

    change($<HTMLSelectElement>('#filter-status'), 'in_review');
    expect(listed()).toEqual(['c-inner']);
    expect($('#filter-count').textContent).toBe('Showing 1 of 3');
    expect($('#filter-clear').hidden).toBe(false);
    expect(marksOf('c-price').every((mk) => mk.classList.contains('dimmed'))).toBe(true);
    expect(marksOf('c-inner').some((mk) => mk.classList.contains('dimmed'))).toBe(false);
    // Where the outer claim is drawn alone it is dimmed; inside it the inner one is not.
    expect(marksOf('c-outer').every((mk) => mk.classList.contains('dimmed'))).toBe(true);

    $('#filter-clear').click();
    expect(listed()).toEqual(['c-price', 'c-outer', 'c-inner']);
    expect(document.querySelectorAll('mark.claim.dimmed').length).toBe(0);
    expect(document.activeElement).toBe($('#search'));
  });

  it('filters by verdict, type, reviewer and tag from options drawn from the claims', async () => {
    await mountApp();
    const options = (id: string) => Array.from($<HTMLSelectElement>(id).options).map((o) => o.value);
    expect(options('#filter-reviewer')).toEqual(['', 'Camille Martin', 'Hugo Bernard', 'Léa Petit']);
    expect(options('#filter-tag')).toEqual(['', 'impôts', 'prix', 'téléphonie']);
    // c-inner is Hugo's and Camille has not reviewed it: its verdict is hidden from her.
    expect(options('#filter-verdict')).toEqual(['', 'true', 'misleading', 'false', 'unverifiable', NONE, HIDDEN]);
    change($<HTMLSelectElement>('#filter-verdict'), 'false');
    expect(listed()).toEqual(['c-outer']);
    change($<HTMLSelectElement>('#filter-verdict'), '');
    change($<HTMLSelectElement>('#filter-type'), 'quantity');
    expect(listed()).toEqual(['c-price']);
    change($<HTMLSelectElement>('#filter-type'), '');
    change($<HTMLSelectElement>('#filter-reviewer'), 'Léa Petit');
    expect(listed()).toEqual(['c-outer']);
    change($<HTMLSelectElement>('#filter-reviewer'), '');
    change($<HTMLSelectElement>('#filter-tag'), 'prix');
    expect(listed()).toEqual(['c-price']);
    expect($('#filter-count').textContent).toBe('Showing 1 of 3');
  });

  it('searches within the article, focused with “/”', async () => {
    await mountApp();
    press('/', {}, document.body);
    const search = $<HTMLInputElement>('#search');
    expect(document.activeElement).toBe(search);
    type(search, 'insee');
    expect(listed()).toEqual(['c-outer']);
    type(search, 'MINISTRE economie');
    expect(listed()).toEqual(['c-price']);
    type(search, 'introuvable');
    expect(listed()).toEqual([]);
    expect($('#claims').textContent).toContain('No claim matches the filters.');
    // Typing "j" in the search field types, it does not move to a claim.
    const j = press('j', {}, search);
    expect(j.defaultPrevented).toBe(false);
  });

  it('keeps the selected claim listed (dimmed) when the filters leave it out, and j/k go to the claims listed', async () => {
    const app = await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    change($<HTMLSelectElement>('#filter-status'), 'draft');
    // c-outer is a draft; c-price published, c-inner in review.
    expect(listed()).toEqual(['c-outer']);
    change($<HTMLSelectElement>('#filter-status'), 'published');
    expect(app.panel.selectedId).toBe('c-outer');
    expect($('#claims li[data-claim-id="c-outer"]').classList.contains('filtered-out')).toBe(true);
    expect(listed()).toEqual(['c-price']);
    press('j', {}, document.body); // nothing listed after it
    expect(app.panel.selectedId).toBe('c-outer');
    press('k', {}, document.body);
    expect(app.panel.selectedId).toBe('c-price');
    // Gone from the list once another claim is selected.
    expect(document.querySelector('#claims li[data-claim-id="c-outer"]')).toBeNull();
  });

  it('lets a blind second reviewer pick the claims awaiting their review, and no verdict gives them away', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    m.listClaims.mockResolvedValue([inner(), outer(), first()]);
    await mountApp();
    // c-outer: Léa reviewed it; c-price (Camille) and c-inner (Hugo) are blind for her.
    const verdict = $<HTMLSelectElement>('#filter-verdict');
    expect(Array.from(verdict.options).map((o) => o.textContent)).toContain('Hidden: awaiting your review');
    change(verdict, HIDDEN);
    expect(listed()).toEqual(['c-price', 'c-inner']);
    change(verdict, 'true');
    expect(listed()).toEqual([]); // c-price is "true", but Léa may not know it yet
  });

  it('shows the counts per status for the open article and in the article list, and follows a status change', async () => {
    const app = await mountApp();
    const counts = () =>
      Object.fromEntries(
        Array.from(document.querySelectorAll<HTMLElement>('#claims-progress .progress-count')).map((c) => [c.dataset.status, Number(c.dataset.count)]),
      );
    expect(counts()).toEqual({ draft: 1, in_review: 1, reviewed: 0, published: 1, rejected: 0 });
    const second = $('#article-list li[data-article-id="art-2"]');
    expect(Array.from(second.querySelectorAll('.progress-count')).map((c) => c.textContent)).toEqual(['Reviewed 3', 'Rejected 1']);
    expect(second.querySelector('.progress')!.getAttribute('title')).toBe('Claims by status (4 in all)');

    $('#claims li[data-claim-id="c-outer"]').click();
    change($<HTMLSelectElement>('#claim-status'), 'in_review');
    updates[0].reply.resolve({ ...outer(), status: 'in_review' });
    await app.panel.queue.idle();
    await flush();
    expect(counts()).toEqual({ draft: 0, in_review: 2, reviewed: 0, published: 1, rejected: 0 });
    const firstItem = $('#article-list li[data-article-id="art-1"]');
    expect(Array.from(firstItem.querySelectorAll('.progress-count')).map((c) => c.textContent)).toEqual(['In review 2', 'Published 1']);
  });
});
