// Second review: blind until given, the review itself, what the author sees, and the desk setting
// that requires one before "reviewed".
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, HistoryEntry } from '../src/api';
import * as api from '../src/api';
import { NO_VERDICT_COLOUR } from '../src/claims';
import { agrees, hasSecondReview, isBlind, needsSecondReview, reviewAgreement } from '../src/review';
import { $, change, marksOf, mountApp, press, stubHost, type, type PendingUpdate } from './harness';
import { SESSION, SESSION_LEA, cp, flush, makeClaim } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

const outer = (over: Partial<Claim> = {}) =>
  makeClaim({ id: 'c-outer', start: cp('Les impôts'), end: cp('2023') + 4, verdict: 'false', rationale: 'L’INSEE dit 3 %', ...over });
const inner = (over: Partial<Claim> = {}) =>
  makeClaim({ id: 'c-inner', start: cp('12 %'), end: cp('12 %') + 4, status: 'in_review', ...over });
const leaReview = (verdict: string, note: string | null = null) => ({ reviewer: 'Léa Petit', verdict, note, at: '2024-03-07T10:00:00Z' });

const FALSE_COLOUR = '#c62828';

describe('blind and second review rules', () => {
  it('hides the verdicts from a reviewer who did not make the claim until they review it or ask', () => {
    const claim = outer();
    expect(isBlind(claim, 'Léa Petit', false)).toBe(true);
    expect(isBlind(claim, 'Léa Petit', true)).toBe(false);
    expect(isBlind(claim, 'Camille Martin', false)).toBe(false);
    expect(isBlind(outer({ reviews: [leaReview('true')] }), 'Léa Petit', false)).toBe(false);
    expect(isBlind(claim, null, false)).toBe(false);
  });

  it('tells agreement and whether a second review is still needed', () => {
    expect(agrees('false', 'false')).toBe(true);
    expect(agrees('false', 'true')).toBe(false);
    expect(agrees(null, 'true')).toBeNull();
    expect(reviewAgreement(outer({ reviews: [leaReview('false')] }))).toBe('agree');
    expect(reviewAgreement(outer({ reviews: [leaReview('true')] }))).toBe('disagree');
    expect(reviewAgreement(outer())).toBeNull();
    // The author's own entry is not a second review.
    const own = outer({ reviews: [{ ...leaReview('false'), reviewer: 'Camille Martin' }] });
    expect(hasSecondReview(own)).toBe(false);
    expect(needsSecondReview(own, { ...SESSION, second_reviewer: true })).toBe(true);
    expect(needsSecondReview(own, SESSION)).toBe(false);
    expect(needsSecondReview(outer({ reviews: [leaReview('true')] }), { ...SESSION, second_reviewer: true })).toBe(false);
  });
});

describe('second review in the window', () => {
  let updates: PendingUpdate[];

  beforeEach(() => {
    updates = stubHost(m, [inner(), outer()]);
  });

  const history = (): HistoryEntry[] => [
    { at: '2024-03-06T10:00:00Z', reviewer: 'Camille Martin', field: 'verdict', old: null, new: 'false' },
    { at: '2024-03-06T10:01:00Z', reviewer: 'Camille Martin', field: 'rationale', old: null, new: 'L’INSEE dit 3 %' },
    { at: '2024-03-06T10:02:00Z', reviewer: 'Camille Martin', field: 'claimant', old: null, new: 'Le ministre' },
  ];

  it('never shows the author’s verdict to a blind second reviewer: not in the list, the text colour, the editor or the history', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    m.claimHistory.mockResolvedValue(history());
    await mountApp();

    const item = $('#claims li[data-claim-id="c-outer"]');
    expect(item.dataset.blind).toBe('true');
    expect(item.textContent).toContain('Verdict hidden');
    expect(item.textContent).toContain('awaiting your review');
    expect(item.textContent).not.toContain('False');
    expect(item.querySelector<HTMLElement>('.chip')!.style.getPropertyValue('--chip')).toBe(NO_VERDICT_COLOUR);
    for (const mark of marksOf('c-outer')) expect(mark.style.getPropertyValue('--claim-edge')).toBe(NO_VERDICT_COLOUR);

    item.click();
    await flush();
    const verdict = $<HTMLSelectElement>('#claim-verdict');
    expect(verdict.value).toBe('');
    expect(Array.from(verdict.options).some((o) => o.selected && o.value === 'false')).toBe(false);
    expect(verdict.closest<HTMLElement>('.with-chip')!.hidden).toBe(true);
    expect($('#verdict-hidden').hidden).toBe(false);
    expect($('#verdict-hidden').textContent).toBe('Hidden until you give your second review.');
    expect($<HTMLTextAreaElement>('#claim-rationale').value).toBe('');
    expect($('#claim-rationale').hidden).toBe(true);
    expect($('#rationale-hidden').hidden).toBe(false);
    expect($('#review-list').hidden).toBe(true);
    expect($('#review-list').textContent).toBe('');
    expect($('#review-section').dataset.mode).toBe('blind');
    expect($('#review-intro').textContent).toBe('Give your own verdict on Camille Martin’s claim without seeing theirs.');
    expect($('#show-verdict').hidden).toBe(false);

    const entries = Array.from(document.querySelectorAll<HTMLElement>('#claim-history-list li'));
    const text = (field: string) => entries.find((li) => li.dataset.field === field)!.textContent;
    expect(text('verdict')).toContain('Verdict hidden');
    expect(text('verdict')).not.toContain('False');
    expect(text('rationale')).not.toContain('INSEE');
    expect(text('claimant')).toContain('Le ministre'); // the rest of the record is there
    expect($('#claim-editor').textContent).not.toContain('INSEE');
    expect(updates.length).toBe(0);
  });

  it('shows the verdicts when the second reviewer asks, everywhere at once', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    m.claimHistory.mockResolvedValue(history());
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    await flush();
    $('#show-verdict').click();
    expect($('#claims li[data-claim-id="c-outer"]').textContent).toContain('False');
    expect(marksOf('c-outer')[0].style.getPropertyValue('--claim-edge')).toBe(FALSE_COLOUR);
    expect($<HTMLSelectElement>('#claim-verdict').value).toBe('false');
    expect($<HTMLTextAreaElement>('#claim-rationale').value).toBe('L’INSEE dit 3 %');
    expect($('#show-verdict').hidden).toBe(true);
    expect($('#review-section').dataset.mode).toBe('revealed');
    expect($('#review-intro').textContent).toBe('Verdicts shown: your review will not be blind.');
    expect($('#review-list [data-role="author"]').textContent).toContain('False');
    expect($('#claim-history-list li[data-field="verdict"]').textContent).toContain('False');
    // The other claim stays blind.
    expect($('#claims li[data-claim-id="c-inner"]').dataset.blind).toBe('true');
  });

  it('gives the review with review_claim, then shows both verdicts side by side with the disagreement', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    const submit = $<HTMLButtonElement>('#review-submit');
    expect(submit.textContent).toBe('Give my review');
    expect(submit.disabled).toBe(true); // no verdict chosen yet
    m.reviewClaim.mockResolvedValue(outer({ reviews: [leaReview('misleading', 'Plutôt trompeur')] }));
    change($<HTMLSelectElement>('#review-verdict'), 'misleading');
    type($<HTMLTextAreaElement>('#review-note'), '  Plutôt trompeur ');
    expect(submit.disabled).toBe(false);
    submit.click();
    await flush();
    expect(m.reviewClaim).toHaveBeenCalledWith('c-outer', 'misleading', 'Plutôt trompeur');
    expect(updates.length).toBe(0); // the claim's own verdict is not touched

    const cards = Array.from(document.querySelectorAll<HTMLElement>('#review-list li'));
    expect(cards.map((c) => [c.dataset.role, c.dataset.reviewer, c.querySelector('.review-verdict')!.textContent])).toEqual([
      ['author', 'Camille Martin', 'False'],
      ['review', 'Léa Petit', 'Misleading'],
    ]);
    expect(cards[1].dataset.agree).toBe('false');
    expect(cards[1].textContent).toContain('✗ disagrees');
    expect(cards[1].textContent).toContain('you');
    expect(cards[1].textContent).toContain('Plutôt trompeur');
    expect($('#review-section').dataset.mode).toBe('reviewed');
    expect(submit.textContent).toBe('Update my review');
    expect($<HTMLSelectElement>('#review-verdict').value).toBe('misleading');
    const item = $('#claims li[data-claim-id="c-outer"]');
    expect(item.dataset.blind).toBeUndefined();
    expect(item.textContent).toContain('False');
    expect(item.textContent).toContain('2nd review disagrees');
    expect(marksOf('c-outer')[0].style.getPropertyValue('--claim-edge')).toBe(FALSE_COLOUR);
  });

  it('gives the review from the keyboard: a digit picks its verdict (not the claim’s), Ctrl+Enter in the note sends it', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    press('1', { code: 'Digit1' }, document.body);
    expect($<HTMLSelectElement>('#review-verdict').value).toBe('true');
    expect(document.activeElement).toBe($('#review-submit'));
    expect(updates.length).toBe(0);
    expect($('#claims li[data-claim-id="c-outer"]').textContent).not.toContain('False');

    m.reviewClaim.mockResolvedValue(outer({ reviews: [leaReview('true')] }));
    const note = $<HTMLTextAreaElement>('#review-note');
    note.focus();
    press('Enter', { ctrlKey: true }, note);
    await flush();
    expect(m.reviewClaim).toHaveBeenCalledWith('c-outer', 'true', null);
  });

  it('goes to the review form with "v", and says so on one’s own claim', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    press('v', {}, document.body);
    expect(document.activeElement).toBe($('#review-verdict'));

    stubHost(m, [outer()]);
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    press('v', {}, document.body);
    expect($('#review-form').hidden).toBe(true);
    expect($('#notice').textContent).toContain('This is your claim');
  });

  it('keeps the review form and says why when the host refuses the review', async () => {
    m.session.mockResolvedValue(SESSION_LEA);
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    m.reviewClaim.mockRejectedValue('the claim was deleted');
    change($<HTMLSelectElement>('#review-verdict'), 'true');
    $('#review-submit').click();
    await flush();
    expect($('#review-error').hidden).toBe(false);
    expect($('#review-error').textContent).toBe('Review not recorded: the claim was deleted');
    expect($<HTMLSelectElement>('#review-verdict').value).toBe('true');
    expect($('#review-section').dataset.mode).toBe('blind');
  });

  it('shows the author the reviews given on their claim, and no form', async () => {
    m.listClaims.mockResolvedValue([inner(), outer({ reviews: [leaReview('false', 'Même conclusion')] })]);
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    expect($('#review-section').dataset.mode).toBe('author');
    expect($('#review-form').hidden).toBe(true);
    expect($('#show-verdict').hidden).toBe(true);
    expect($('#review-intro').textContent).toBe('The second reviews of your claim:');
    const review = $('#review-list li[data-role="review"]');
    expect(review.dataset.agree).toBe('true');
    expect(review.textContent).toContain('Léa Petit');
    expect(review.textContent).toContain('✓ agrees');
    expect(review.textContent).toContain('Même conclusion');
    expect(review.querySelector<HTMLElement>('.badge')!.textContent).toBe('LP');
    expect($('#claims li[data-claim-id="c-outer"]').textContent).toContain('2nd review agrees');

    $('#claims li[data-claim-id="c-inner"]').click();
    expect($('#review-intro').textContent).toBe('No second review yet.');
    expect($('#review-list').hidden).toBe(true);
  });

  it('with the desk setting, offers “reviewed” disabled with the reason until a second review exists', async () => {
    m.session.mockResolvedValue({ ...SESSION, second_reviewer: true });
    await mountApp();
    expect($('#claims li[data-claim-id="c-inner"]').textContent).toContain('needs a 2nd review');
    $('#claims li[data-claim-id="c-inner"]').click();
    const status = $<HTMLSelectElement>('#claim-status');
    const reviewed = Array.from(status.options).find((o) => o.value === 'reviewed')!;
    expect(reviewed.disabled).toBe(true);
    expect(reviewed.textContent).toBe('Reviewed — needs a second review');
    expect($('#status-hint').hidden).toBe(false);
    expect($('#status-hint').textContent).toContain('needs a second review by someone other than the claim’s author');
    expect($('#review-intro').textContent).toContain('this desk needs one');

    press('r', {}, document.body);
    expect(updates.length).toBe(0);
    expect($('#error-banner').hidden).toBe(false);
    expect($('#error-banner').textContent).toContain('“Reviewed” needs a second review');
  });

  it('lets a claim with a second review move to “reviewed” under the desk setting', async () => {
    m.session.mockResolvedValue({ ...SESSION, second_reviewer: true });
    m.listClaims.mockResolvedValue([inner({ reviews: [leaReview('true')] }), outer()]);
    const app = await mountApp();
    $('#claims li[data-claim-id="c-inner"]').click();
    const reviewed = Array.from($<HTMLSelectElement>('#claim-status').options).find((o) => o.value === 'reviewed')!;
    expect(reviewed.disabled).toBe(false);
    expect(reviewed.textContent).toBe('Reviewed');
    expect($('#status-hint').hidden).toBe(true);
    press('r', {}, document.body);
    expect(updates.map((u) => u.fields)).toEqual([{ status: 'reviewed' }]);
    updates[0].reply.resolve(inner({ status: 'reviewed', reviews: [leaReview('true')] }));
    await app.panel.queue.idle();
    expect($<HTMLSelectElement>('#claim-status').value).toBe('reviewed');
  });

  it('shows second reviews in the history by reviewer and verdict label', async () => {
    m.claimHistory.mockResolvedValue([
      { at: '2024-03-07T10:00:00Z', reviewer: 'Léa Petit', field: 'reviews', old: null, new: 'Léa Petit: misleading' },
    ]);
    await mountApp();
    $('#claims li[data-claim-id="c-outer"]').click();
    await flush();
    expect($('#claim-history-list li').textContent).toContain('Second review: — → Léa Petit: Misleading');
    $('#lang').click();
    expect($('#claim-history-list li').textContent).toContain('Seconde relecture\u00a0: — → Léa Petit: Trompeur');
  });
});
