// The dashboard: charts of verdicts and statuses across articles, and the agreement view.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Agreement, Claim } from '../src/api';
import * as api from '../src/api';
import { alphaText, barChart, formatCoefficient, kappaText, statusBars, verdictBars } from '../src/dashboard';
import { setLang } from '../src/i18n';
import { $, mountApp, press, stubHost } from './harness';
import { SESSION, SESSION_LEA, SUMMARIES, cp, flush, makeClaim } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

const review = (verdict: string) => ({ reviewer: 'Léa Petit', verdict, note: null, at: '2024-03-07T10:00:00Z' });
const claims = (): Claim[] => [
  makeClaim({ id: 'a1', start: 0, end: 2, verdict: 'false', status: 'published', reviews: [review('false')] }),
  makeClaim({ id: 'a2', start: 3, end: 5, verdict: 'false', status: 'reviewed', reviews: [review('misleading')] }),
  makeClaim({ id: 'a3', start: 6, end: 8, verdict: 'true', status: 'in_review' }),
  makeClaim({ id: 'a4', start: 9, end: 11, verdict: null, status: 'draft' }),
  makeClaim({ id: 'b1', article_id: 'art-2', start: 0, end: 2, verdict: 'retired_key', status: 'draft' }),
];
const agreement = (over: Partial<Agreement> = {}): Agreement => ({
  claims: 2,
  reviewers: ['Camille Martin', 'Léa Petit'],
  cohen_kappa: 0.4567,
  krippendorff_alpha: 0.4321,
  ...over,
});

describe('numbers', () => {
  afterEach(() => setLang('en', null));

  it('formats κ and α to two decimals in the UI language, “—” when undefined', () => {
    setLang('en', null);
    expect(formatCoefficient(0.4567)).toBe('0.46');
    expect(formatCoefficient(1)).toBe('1.00');
    expect(formatCoefficient(-0.125)).toBe('-0.13');
    expect(formatCoefficient(null)).toBe('—');
    expect(formatCoefficient(Number.NaN)).toBe('—');
    setLang('fr', null);
    expect(formatCoefficient(0.4567)).toBe('0,46');
  });

  it('says why κ or α is missing', () => {
    setLang('en', null);
    expect(kappaText(agreement())).toBe('0.46');
    expect(kappaText(agreement({ cohen_kappa: null, reviewers: ['A', 'B', 'C'] }))).toBe('— (needs exactly two reviewers)');
    expect(kappaText(agreement({ cohen_kappa: null }))).toBe('— (not defined)');
    expect(alphaText(agreement({ krippendorff_alpha: null }))).toBe('— (not defined)');
    expect(alphaText(agreement())).toBe('0.43');
  });
});

describe('charts', () => {
  beforeEach(() => setLang('en', null));

  it('has a bar per rating of the scale, in its colour and label, then no verdict, other keys and hidden ones', () => {
    const bars = verdictBars(claims(), SESSION, (c) => c.id === 'a3');
    expect(bars.map((b) => [b.key, b.label, b.count])).toEqual([
      ['true', 'True', 0], // a3 is hidden from this reviewer
      ['misleading', 'Misleading', 0],
      ['false', 'False', 2],
      ['unverifiable', 'Unverifiable', 0],
      ['retired_key', 'retired_key', 1],
      ['none', 'No verdict', 1],
      ['hidden', 'Verdict hidden', 1],
    ]);
    expect(bars[2].colour).toBe('#c62828');
    expect(statusBars(claims()).map((b) => [b.key, b.count])).toEqual([
      ['draft', 2], ['in_review', 1], ['reviewed', 1], ['published', 1], ['rejected', 0],
    ]);
  });

  it('draws the chart with SVG elements: bar lengths by count, the counts as text', () => {
    const figure = barChart('chart-x', 'Verdicts', verdictBars(claims(), SESSION, () => false));
    const svg = figure.querySelector('svg')!;
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(svg.getAttribute('aria-label')).toBe('Verdicts: True 1, Misleading 0, False 2, Unverifiable 0, retired_key 1, No verdict 1');
    const groups = Array.from(svg.querySelectorAll<SVGGElement>('g.bar'));
    expect(groups.map((g) => [g.dataset.key, g.querySelector('.bar-label')!.textContent, g.querySelector('.bar-count')!.textContent])).toEqual([
      ['true', 'True', '1'],
      ['misleading', 'Misleading', '0'],
      ['false', 'False', '2'],
      ['unverifiable', 'Unverifiable', '0'],
      ['retired_key', 'retired_key', '1'],
      ['none', 'No verdict', '1'],
    ]);
    const width = (key: string) => Number(groups.find((g) => g.dataset.key === key)!.querySelector('rect')!.getAttribute('width'));
    expect(width('false')).toBe(2 * width('true'));
    expect(width('misleading')).toBe(0);
    expect(groups[2].querySelector('rect')!.getAttribute('fill')).toBe('#c62828');
    expect(figure.querySelector('figcaption')!.textContent).toBe('Verdicts');
  });
});

describe('dashboard view', () => {
  beforeEach(() => {
    stubHost(m, []);
    m.listClaims.mockImplementation(async (id) => (id === null ? claims() : claims().filter((c) => c.article_id === id)));
    m.agreement.mockImplementation(async (id) =>
      id === null ? agreement({ claims: 2 }) : agreement({ claims: 2, cohen_kappa: 0.5, krippendorff_alpha: null }),
    );
  });

  it('opens with the button or “g”, shows the charts and the agreement overall and per article, and Escape returns', async () => {
    await mountApp();
    expect($('#dashboard').hidden).toBe(true);
    press('g', {}, document.body);
    await flush();
    expect($('#dashboard').hidden).toBe(false);
    expect(document.querySelector<HTMLElement>('.workspace')!.hidden).toBe(true);
    expect(m.listClaims).toHaveBeenCalledWith(null);
    expect(m.agreement).toHaveBeenCalledWith(null);
    // Only art-1 has claims with a second verdict: art-2 is not asked for.
    expect(m.agreement.mock.calls.map((c) => c[0])).toEqual([null, 'art-1']);

    const counts = (chart: string) =>
      Object.fromEntries(Array.from(document.querySelectorAll<SVGGElement>(`#${chart} g.bar`)).map((g) => [g.dataset.key, g.dataset.count]));
    expect(counts('chart-verdicts')).toEqual({ true: '1', misleading: '0', false: '2', unverifiable: '0', retired_key: '1', none: '1' });
    expect(counts('chart-statuses')).toEqual({ draft: '2', in_review: '1', reviewed: '1', published: '1', rejected: '0' });
    expect($('#dashboard-totals').textContent).toBe('2 articles · 5 claims');

    expect($('#agreement-overall').textContent).toBe('All articles: 2 claims with two verdicts · reviewers Camille Martin, Léa Petit · κ 0.46 · α 0.43');
    expect($('#agreement-explain').textContent).toContain('1 for full agreement, 0 for agreement no better than chance');
    const row = $('#dashboard-articles tr[data-article-id="art-1"]');
    expect(row.querySelector('.kappa')!.textContent).toBe('0.50');
    expect(row.querySelector('.alpha')!.textContent).toBe('— (not defined)');
    expect(row.querySelector('.agreement-claims')!.textContent).toBe('2');
    expect(row.querySelector('.agreement-reviewers')!.textContent).toBe('Camille Martin, Léa Petit');
    const other = $('#dashboard-articles tr[data-article-id="art-2"]');
    expect(other.querySelector('.kappa')!.textContent).toBe('—');
    expect(other.querySelector('.progress-count')!.textContent).toBe('Draft 1');

    $('#lang').click();
    expect($('#chart-statuses figcaption').textContent).toBe('Statuts sur tous les articles');
    expect($('#dashboard-articles tr[data-article-id="art-1"] .kappa').textContent).toBe('0,50');
    $('#lang').click();

    press('Escape', {}, document.body);
    expect($('#dashboard').hidden).toBe(true);
    expect(document.querySelector<HTMLElement>('.workspace')!.hidden).toBe(false);

    $('#dashboard-button').click();
    await flush();
    expect($('#dashboard').hidden).toBe(false);
    press('g');
    expect($('#dashboard').hidden).toBe(true);
  });

  it('says when no claim has two verdicts, and κ needs exactly two reviewers', async () => {
    m.agreement.mockImplementation(async (id) =>
      id === null
        ? agreement({ claims: 0, reviewers: [], cohen_kappa: null, krippendorff_alpha: null })
        : agreement({ reviewers: ['Camille Martin', 'Léa Petit', 'Hugo Bernard'], cohen_kappa: null }),
    );
    await mountApp();
    $('#dashboard-button').click();
    await flush();
    expect($('#agreement-overall').textContent).toBe('No claim has two independent verdicts yet.');
    expect($('#dashboard-articles tr[data-article-id="art-1"] .kappa').textContent).toBe('— (needs exactly two reviewers)');
  });

  it('opens an article from its row, and counts as hidden the verdicts a blind reviewer may not see', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    const app = await mountApp();
    press('g', {}, document.body);
    await flush();
    // Léa reviewed a1 and a2; a3, a4 and b1 are blind for her.
    const counts = Object.fromEntries(
      Array.from(document.querySelectorAll<SVGGElement>('#chart-verdicts g.bar')).map((g) => [g.dataset.key, g.dataset.count]),
    );
    expect(counts).toEqual({ true: '0', misleading: '0', false: '2', unverifiable: '0', none: '0', hidden: '3' });
    m.getArticle.mockResolvedValue({ ...SUMMARIES[1], text: 'Autre texte.' });
    $<HTMLButtonElement>('#dashboard-articles button[data-article-id="art-2"]').click();
    await flush();
    expect($('#dashboard').hidden).toBe(true);
    expect(app.article?.id).toBe('art-2');
  });

  it('keeps the claim keys off while the dashboard is shown', async () => {
    stubHost(m, [makeClaim({ id: 'c', start: cp('Fin'), end: cp('Fin') + 3 })]);
    const app = await mountApp();
    press('g', {}, document.body);
    await flush();
    press('j');
    expect(app.panel.selectedId).toBeNull();
  });
});
