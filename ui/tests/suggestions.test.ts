// Claim suggestions in the reader: underlined, toggled, opened in a card, made into a claim or
// dismissed; and how their values read.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Suggestion } from '../src/api';
import * as api from '../src/api';
import { segments } from '../src/highlight';
import { setLang } from '../src/i18n';
import { dateWords, describeValue, durationWords, keyOf, speakerOf } from '../src/suggestions';
import { $, mountApp, press, stubHost } from './harness';
import { ARTICLE, TEXT, cp, deferred, flush, makeClaim, select } from './fixtures';
import { selectionToSpan } from '../src/offsets';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

function suggestion(text: string, over: Partial<Suggestion> = {}): Suggestion {
  const start = cp(text);
  return {
    start,
    end: start + Array.from(text).length,
    text,
    type: 'quantity',
    value: {},
    sentence_start: 0,
    sentence_end: 41,
    score: 0.72,
    linked_to: null,
    occurrence: 0,
    dismissed_by: null,
    claim_id: null,
    ...over,
  };
}

const PRICE = () => suggestion('900 euros', { type: 'money', value: { number: 900, currency: 'EUR' } });
const SAID = () => suggestion('selon le ministre', { type: 'attribution', value: { speaker: 'le ministre' } });
const RISE = () => suggestion('12 %', { type: 'percent', value: { number: 12 }, sentence_start: 43, sentence_end: 82, score: 0.5 });
const YEAR = () => suggestion('2023', { type: 'date', value: { date: '2023', granularity: 'year' }, sentence_start: 43, sentence_end: 82 });

const underlined = () =>
  Array.from(document.querySelectorAll<HTMLElement>('#article-text [data-suggestion]')).map((n) => n.textContent);

describe('suggestion values in words', () => {
  beforeEach(() => setLang('en', null));

  it('reads durations, dates and figures at their granularity, in both languages', () => {
    expect(durationWords('P4D')).toBe('4 days');
    expect(durationWords('P1Y6M')).toBe('1 year 6 months');
    expect(durationWords('PT3H')).toBe('3 hours');
    expect(durationWords('nonsense')).toBe('nonsense');
    expect(dateWords('2024-08-28', 'day')).toBe('28 August 2024');
    expect(dateWords('2024-08', 'month')).toBe('August 2024');
    expect(dateWords('2023', 'year')).toBe('2023');
    expect(describeValue('quantity', { number: 950000000, unit: 'utilisateurs' })).toBe('950,000,000 utilisateurs');
    expect(describeValue('quantity', { number: 1000000, unit: 'publications', vague: true })).toBe('1,000,000 publications (vague)');
    expect(describeValue('duration', { iso: 'P3W' })).toBe('3 weeks (P3W)');
    expect(describeValue('money', { number: 2.5, currency: 'USD' })).toBe('2.5 USD');
    expect(describeValue('quote', {})).toBe('');
    setLang('fr', null);
    expect(durationWords('P4D')).toBe('4 jours');
    expect(dateWords('2024-08-28', 'day')).toBe('28 août 2024');
    expect(describeValue('percent', { number: 2.3 })).toBe('2,3\u00a0%');
    expect(describeValue('date', { date: '2024-09', granularity: 'month' })).toBe('septembre 2024 (mois)');
  });

  it('names a suggestion by type, text and occurrence', () => {
    expect(keyOf(PRICE())).toEqual({ type: 'money', text: '900 euros', occurrence: 0 });
  });

  it('names the speaker the claim would get: the attribution, the quote holding it, or the sentence', () => {
    const quote = suggestion('coûte 900', { type: 'quote', linked_to: 2 });
    const inQuote = suggestion('900', { type: 'quantity' });
    const said = suggestion('selon le ministre', { type: 'attribution', value: { speaker: 'le ministre' }, linked_to: 0 });
    expect(speakerOf([quote, inQuote, said], 0)).toBe('le ministre');
    expect(speakerOf([quote, inQuote, said], 1)).toBe('le ministre');
    expect(speakerOf([quote, inQuote, said], 2)).toBe('le ministre');
    expect(speakerOf([PRICE(), SAID()], 0)).toBe('le ministre');
    expect(speakerOf([PRICE(), { ...SAID(), sentence_start: 43 }], 0)).toBe('');
    expect(speakerOf([PRICE()], 5)).toBe('');
  });

  it('cuts segments at suggestions, the shortest one covering each', () => {
    const segs = segments('0123456789', [{ id: 'a', start: 2, end: 5 }], 0, null, [
      { index: 0, start: 4, end: 8 },
      { index: 1, start: 6, end: 7 },
    ]);
    expect(segs.map((s) => [s.start, s.end, s.innermost ?? '-', s.suggestion])).toEqual([
      [0, 2, '-', null],
      [2, 4, 'a', null],
      [4, 5, 'a', 0],
      [5, 6, '-', 0],
      [6, 7, '-', 1],
      [7, 8, '-', 0],
      [8, 10, '-', null],
    ]);
  });
});

describe('suggestions in the reader', () => {
  beforeEach(() => {
    stubHost(m, []);
    m.listSuggestions.mockResolvedValue([PRICE(), SAID(), RISE(), YEAR()]);
  });

  it('underlines the pending suggestions quietly and counts them; dismissed and claimed ones are not underlined', async () => {
    m.listSuggestions.mockResolvedValue([PRICE(), SAID(), { ...RISE(), dismissed_by: 'Léa Petit' }, { ...YEAR(), claim_id: 'c-1' }]);
    await mountApp();
    expect(m.listSuggestions).toHaveBeenCalledWith(ARTICLE.id);
    expect(underlined()).toEqual(['900 euros', 'selon le ministre']);
    expect($('#suggestions-summary').textContent).toBe('2 suggestions · 1 dismissed');
    expect($('#suggestions-restore').hidden).toBe(false);
    // The text is still the text: the underlines add no characters.
    expect($('#article-text').textContent).toBe(TEXT.replace(/\n\n/g, ''));
  });

  it('is switched off and on with the toggle or S, remembered on this computer', async () => {
    await mountApp();
    expect($('#suggestions-toggle').getAttribute('aria-pressed')).toBe('true');
    press('s', {}, document.body);
    await flush();
    expect(underlined()).toEqual([]);
    expect($('#suggestions-toggle').getAttribute('aria-pressed')).toBe('false');
    expect(localStorage.getItem('claimdesk.suggestions')).toBe('off');
    await mountApp();
    expect(underlined()).toEqual([]);
    expect(m.listSuggestions).toHaveBeenCalledTimes(1); // the second window never asked
    $('#suggestions-toggle').click();
    await flush();
    expect(underlined()).toEqual(['900 euros', 'selon le ministre', '12 %', '2023']);
  });

  it('opens a card with the type, the value read, the speaker and the score; makes a pre-filled claim of it', async () => {
    const made = makeClaim({ id: 'c-new', start: cp('900 euros'), end: cp('900 euros') + 9, type: 'quantity', claimant: 'le ministre', statement: 'Le 📱 coûte 900 euros, selon le ministre.', value: { type: 'money', number: 900, currency: 'EUR' } });
    m.acceptSuggestion.mockResolvedValue(made);
    const app = await mountApp();
    (document.querySelector<HTMLElement>('[data-suggestion="0"]'))!.click();
    const card = $('#suggestion-card');
    expect(card.hidden).toBe(false);
    expect(card.textContent).toContain('Amount of money');
    expect(card.textContent).toContain('900 EUR');
    expect(card.textContent).toContain('Check-worthiness of the sentence: 72\u00a0%');
    expect(document.activeElement).toBe($('#suggestion-accept'));
    m.listSuggestions.mockResolvedValue([{ ...PRICE(), claim_id: 'c-new' }, SAID(), RISE(), YEAR()]);
    $('#suggestion-accept').click();
    await flush();
    expect(m.acceptSuggestion).toHaveBeenCalledWith(ARTICLE.id, { type: 'money', text: '900 euros', occurrence: 0 });
    expect(card.hidden).toBe(true);
    expect(app.panel.selectedId).toBe('c-new');
    expect(document.querySelector('mark.claim[data-claim-id="c-new"]')?.textContent).toBe('900 euros');
    expect(($('#claim-statement') as HTMLTextAreaElement).value).toBe('Le 📱 coûte 900 euros, selon le ministre.');
    expect($('#claim-value').textContent).toBe('Value read: 900 EUR');
    expect($('#notice').textContent).toContain('Claim made from the suggestion “900 euros”');
    expect(underlined()).toEqual(['selon le ministre', '12 %', '2023']);
  });

  it('shows who is speaking in the card of an attribution', async () => {
    await mountApp();
    (document.querySelector<HTMLElement>('[data-suggestion="1"]'))!.click();
    expect($('#suggestion-card').textContent).toContain('Said by');
    expect($('#suggestion-card').textContent).toContain('le ministre');
  });

  it('dismisses with the button or Delete, and the dismissed come back on request', async () => {
    m.dismissSuggestion.mockResolvedValue(undefined);
    await mountApp();
    (document.querySelector<HTMLElement>('[data-suggestion="2"]'))!.click();
    m.listSuggestions.mockResolvedValue([PRICE(), SAID(), { ...RISE(), dismissed_by: 'Camille Martin' }, YEAR()]);
    press('Delete', {}, $('#suggestion-accept'));
    await flush();
    expect(m.dismissSuggestion).toHaveBeenCalledWith(ARTICLE.id, { type: 'percent', text: '12 %', occurrence: 0 });
    expect($('#suggestion-card').hidden).toBe(true);
    expect(underlined()).toEqual(['900 euros', 'selon le ministre', '2023']);
    m.listSuggestions.mockResolvedValue([PRICE(), SAID(), RISE(), YEAR()]);
    $('#suggestions-restore').click();
    await flush();
    expect(m.restoreSuggestion).toHaveBeenCalledWith(ARTICLE.id, { type: 'percent', text: '12 %', occurrence: 0 });
    expect(underlined()).toContain('12 %');
  });

  it('goes from one suggestion to the next with Shift+S; Escape closes the card', async () => {
    await mountApp();
    press('S', { shiftKey: true }, document.body);
    expect($('#suggestion-card').textContent).toContain('Amount of money');
    press('S', { shiftKey: true }, document.body);
    expect($('#suggestion-card').textContent).toContain('Who said it');
    press('Escape', {}, document.body);
    expect($('#suggestion-card').hidden).toBe(true);
  });

  it('says why nothing is underlined on an earlier version', async () => {
    m.listVersions.mockResolvedValue([
      { number: 1, sha256: 'a', title: null, url: null, imported: '2024-09-03T08:00:00Z', imported_by: 'x', claims: 0 },
      { number: 2, sha256: 'b', title: null, url: null, imported: '2024-09-04T08:00:00Z', imported_by: 'x', claims: 0 },
    ] as never);
    m.getVersion.mockResolvedValue({ ...ARTICLE, version: 1 });
    const app = await mountApp();
    await app.openArticle(ARTICLE.id, null, false, 1);
    await flush();
    expect(underlined()).toEqual([]);
    expect($('#suggestions-summary').textContent).toBe('Suggestions are made on the latest version');
  });

  it('keeps the passage the reviewer is selecting when the underlines arrive', async () => {
    const reply = deferred<Suggestion[]>();
    m.listSuggestions.mockReturnValue(reply.promise);
    await mountApp();
    const first = $('#article-text p').firstChild!.firstChild as Text;
    const at = first.data.indexOf('coûte 900');
    select(first, at, first, at + 'coûte 900'.length);
    expect(selectionToSpan($('#article-text'))).toEqual({ start: cp('coûte 900'), end: cp('coûte 900') + 9 });
    reply.resolve([PRICE()]);
    await flush();
    expect(underlined()).toEqual(['900 euros']);
    expect(selectionToSpan($('#article-text'))).toEqual({ start: cp('coûte 900'), end: cp('coûte 900') + 9 });
    expect($('#make-claim').hidden).toBe(false);
  });

  it('reports a failure to list them without losing the article', async () => {
    m.listSuggestions.mockRejectedValue('the article changed');
    await mountApp();
    expect($('#error-banner').textContent).toContain('The suggestions could not be listed: the article changed');
    expect($('#article-text').textContent).toContain('900 euros');
  });
});
