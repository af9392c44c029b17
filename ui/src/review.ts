// Second review: a reviewer other than a claim's author gives their own verdict, blind (without
// seeing the author's) until they have given it or ask to see it. The editor's box for it.
import type { Claim, Rating, Review, Reviewer, Session } from './api';
import { el, errorMessage, replace, setText } from './dom';
import { formatTimestamp, ratingLabel, t } from './i18n';
import { badge, safeColour } from './reviewers';

/** The review `name` gave on the claim, if any. */
export function reviewBy(claim: Claim, name: string | null): Review | null {
  return (name && (claim.reviews ?? []).find((r) => r.reviewer === name)) || null;
}

/**
 * True when the acting reviewer `me` must not see the claim's verdicts yet: they did not make the
 * claim, have not reviewed it, and have not asked to see the verdict.
 */
export function isBlind(claim: Claim, me: string | null, revealed: boolean): boolean {
  return !!me && claim.reviewer !== me && !reviewBy(claim, me) && !revealed;
}

/** True when someone other than the claim's author reviewed it. */
export function hasSecondReview(claim: Claim): boolean {
  return (claim.reviews ?? []).some((r) => r.reviewer !== claim.reviewer);
}

/** True when the desk requires a second review before `reviewed` and the claim has none. */
export function needsSecondReview(claim: Claim, session: Session | null): boolean {
  return !!session?.second_reviewer && !hasSecondReview(claim);
}

/** Whether two verdicts agree; null when one of them is missing. */
export function agrees(a: string | null | undefined, b: string | null | undefined): boolean | null {
  return a && b ? a === b : null;
}

/** How the second reviews compare with the author's verdict: all agree, some disagree, or none. */
export function reviewAgreement(claim: Claim): 'agree' | 'disagree' | null {
  const others = (claim.reviews ?? []).filter((r) => r.reviewer !== claim.reviewer);
  const verdicts = others.map((r) => agrees(claim.verdict, r.verdict)).filter((x): x is boolean => x !== null);
  if (!verdicts.length) return null;
  return verdicts.every(Boolean) ? 'agree' : 'disagree';
}

export interface ReviewHooks {
  session(): Session | null;
  reviewer(name: string): Reviewer | undefined;
  submit(claimId: string, verdict: string, note: string | null): Promise<void>;
  /** The acting reviewer asks to see the verdicts before giving their review. */
  reveal(claimId: string): void;
}

interface Draft {
  verdict: string;
  note: string;
}

/**
 * #review-section in the editor. For the claim's author: the reviews received. For anyone else:
 * a form (#review-verdict, #review-note, #review-submit) and, once their review is given (or the
 * verdict shown with #show-verdict), every verdict side by side with agreement marked.
 */
export class ReviewBox {
  readonly root: HTMLElement;
  readonly verdict: HTMLSelectElement;
  readonly note: HTMLTextAreaElement;
  readonly submitButton: HTMLButtonElement;
  private readonly intro: HTMLElement;
  private readonly showButton: HTMLButtonElement;
  private readonly list: HTMLUListElement;
  private readonly form: HTMLFormElement;
  private readonly error: HTMLElement;
  private claim: Claim | null = null;
  private blind = false;
  /** What was chosen or typed in the form of each claim, kept while another claim is shown. */
  private drafts = new Map<string, Draft>();
  private busy = new Set<string>();

  constructor(private readonly hooks: ReviewHooks) {
    this.intro = el('p', { id: 'review-intro', class: 'review-intro' });
    this.showButton = el('button', { id: 'show-verdict', type: 'button', class: 'link', 'data-i18n': 'showVerdict', 'data-i18n-title': 'showVerdictTitle' });
    this.list = el('ul', { id: 'review-list', class: 'review-list' });
    this.verdict = el('select', { id: 'review-verdict' });
    this.note = el('textarea', { id: 'review-note', rows: 2, 'data-i18n-placeholder': 'reviewNotePlaceholder' });
    this.submitButton = el('button', { id: 'review-submit', type: 'submit', class: 'primary' });
    this.error = el('p', { id: 'review-error', class: 'field-error', role: 'alert', hidden: true });
    this.form = el(
      'form',
      { id: 'review-form', class: 'review-form', novalidate: true },
      el('label', { for: 'review-verdict', class: 'field-label', 'data-i18n': 'reviewVerdict' }),
      this.verdict,
      el('label', { for: 'review-note', class: 'field-label', 'data-i18n': 'reviewNote' }),
      this.note,
      el('div', { class: 'review-form-row' }, el('span', { class: 'hint', 'data-i18n': 'reviewSubmitHint' }), this.submitButton),
      this.error,
    );
    this.root = el(
      'section',
      { id: 'review-section', class: 'review-box', 'aria-labelledby': 'review-heading' },
      el('h3', { id: 'review-heading', 'data-i18n': 'reviewHeading' }),
      el('div', { class: 'review-intro-row' }, this.intro, this.showButton),
      this.list,
      this.form,
    );

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit();
    });
    this.verdict.addEventListener('change', () => this.keepDraft());
    this.note.addEventListener('input', () => this.keepDraft());
    // Ctrl+Enter in the note gives the review, as a reviewer who has just typed it expects.
    this.note.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.submit();
      }
    });
    this.showButton.addEventListener('click', () => {
      if (this.claim) this.hooks.reveal(this.claim.id);
    });
  }

  /** Shows the box for `claim` (none for null); `blind` hides every verdict but the reviewer's own. */
  show(claim: Claim | null, blind: boolean): void {
    if (this.claim && this.claim.id !== claim?.id) this.error.hidden = true;
    this.claim = claim;
    this.blind = blind;
    this.render();
  }

  /** True when the acting reviewer can give a review on the claim shown (they are not its author). */
  canReview(): boolean {
    const me = this.me();
    return !!this.claim && !!me && this.claim.reviewer !== me;
  }

  focusVerdict(): void {
    if (!this.canReview()) return;
    this.root.scrollIntoView?.({ block: 'nearest' });
    this.verdict.focus();
  }

  /** Picks the review's verdict (from a key press) and moves to the submit button: Enter gives it. */
  setVerdict(key: string): void {
    if (!this.canReview()) return;
    this.verdict.value = key;
    this.keepDraft();
    this.renderSubmit();
    this.submitButton.focus();
  }

  applyLang(): void {
    this.render();
  }

  /** Another reviewer acts now: what the previous one chose or typed is not theirs. */
  reset(): void {
    this.drafts.clear();
    this.error.hidden = true;
  }

  private me(): string | null {
    return this.hooks.session()?.reviewer?.name ?? null;
  }

  private ratings(): Rating[] {
    return this.hooks.session()?.scale.ratings ?? [];
  }

  private rating(key: string | null): Rating | null {
    return (key && this.ratings().find((r) => r.key === key)) || null;
  }

  private keepDraft(): void {
    if (!this.claim) return;
    this.drafts.set(this.claim.id, { verdict: this.verdict.value, note: this.note.value });
    this.renderSubmit();
  }

  private render(): void {
    const claim = this.claim;
    this.root.hidden = !claim;
    if (!claim) return;
    const me = this.me();
    const author = !me || claim.reviewer === me;
    const mine = reviewBy(claim, me);
    const others = (claim.reviews ?? []).filter((r) => r.reviewer !== claim.reviewer);
    const session = this.hooks.session();

    let intro: string;
    if (author) {
      intro = others.length
        ? t('reviewReceived')
        : session?.second_reviewer
          ? t('reviewNoneRequired')
          : t('reviewNone');
    } else if (this.blind) {
      intro = t('reviewBlind', { author: claim.reviewer });
    } else if (mine) {
      intro = t('reviewGiven');
    } else {
      intro = t('reviewRevealed');
    }
    setText(this.intro, intro);
    this.root.dataset.mode = author ? 'author' : this.blind ? 'blind' : mine ? 'reviewed' : 'revealed';
    this.showButton.hidden = author || !this.blind;

    // Verdicts side by side: never while blind; for the author only once there is a review.
    const showList = !this.blind && (!author || others.length > 0);
    this.list.hidden = !showList;
    replace(this.list, ...(showList ? [this.authorCard(claim), ...others.map((r) => this.reviewCard(claim, r, me))] : []));

    this.form.hidden = author;
    if (!author) this.fillForm(claim, mine);
  }

  private fillForm(claim: Claim, mine: Review | null): void {
    const draft = this.drafts.get(claim.id);
    const value = draft?.verdict ?? mine?.verdict ?? '';
    const options = [el('option', { value: '' }, t('reviewChoose'))];
    for (const r of this.ratings()) options.push(el('option', { value: r.key }, ratingLabel(r)));
    replace(this.verdict, ...options);
    this.verdict.value = value;
    this.note.value = draft?.note ?? mine?.note ?? '';
    this.renderSubmit();
  }

  private renderSubmit(): void {
    const claim = this.claim;
    const mine = claim ? reviewBy(claim, this.me()) : null;
    setText(this.submitButton, t(mine ? 'reviewUpdate' : 'reviewSubmit'));
    this.submitButton.disabled = !this.verdict.value || (!!claim && this.busy.has(claim.id));
  }

  private verdictLine(key: string | null): HTMLElement {
    const rating = this.rating(key);
    const chip = el('span', { class: 'chip', 'aria-hidden': 'true' });
    chip.style.setProperty('--chip', safeColour(rating?.colour));
    return el(
      'span',
      { class: key ? 'review-verdict' : 'review-verdict none', 'data-verdict': key ?? '' },
      chip,
      rating ? ratingLabel(rating) : key ?? t('noVerdictShort'),
    );
  }

  private authorCard(claim: Claim): HTMLElement {
    return el(
      'li',
      { class: 'review-card author', 'data-role': 'author', 'data-reviewer': claim.reviewer },
      el(
        'div',
        { class: 'review-who' },
        badge(claim.reviewer, this.hooks.reviewer(claim.reviewer)),
        el('span', { class: 'review-name' }, claim.reviewer),
        el('span', { class: 'review-role' }, t('reviewRoleAuthor')),
      ),
      this.verdictLine(claim.verdict),
    );
  }

  private reviewCard(claim: Claim, review: Review, me: string | null): HTMLElement {
    const agreement = agrees(claim.verdict, review.verdict);
    return el(
      'li',
      {
        class: `review-card${agreement === true ? ' agree' : agreement === false ? ' disagree' : ''}`,
        'data-role': 'review',
        'data-reviewer': review.reviewer,
        'data-agree': agreement === null ? '' : String(agreement),
      },
      el(
        'div',
        { class: 'review-who' },
        badge(review.reviewer, this.hooks.reviewer(review.reviewer)),
        el('span', { class: 'review-name' }, review.reviewer),
        el('span', { class: 'review-role' }, t(review.reviewer === me ? 'reviewRoleYou' : 'reviewRoleSecond')),
      ),
      this.verdictLine(review.verdict),
      agreement === null
        ? null
        : el('span', { class: 'review-agreement' }, t(agreement ? 'reviewAgrees' : 'reviewDisagrees')),
      review.note ? el('p', { class: 'review-note-text' }, review.note) : null,
      el('time', { class: 'review-at', datetime: review.at }, formatTimestamp(review.at)),
    );
  }

  private async submit(): Promise<void> {
    const claim = this.claim;
    const verdict = this.verdict.value;
    if (!claim || !this.canReview() || this.busy.has(claim.id)) return;
    if (!verdict) {
      setText(this.error, t('reviewVerdictRequired'));
      this.error.hidden = false;
      this.verdict.focus();
      return;
    }
    const note = this.note.value.trim() || null;
    this.busy.add(claim.id);
    this.error.hidden = true;
    this.renderSubmit();
    try {
      await this.hooks.submit(claim.id, verdict, note);
      this.drafts.delete(claim.id);
    } catch (error) {
      if (this.claim?.id === claim.id) {
        setText(this.error, t('reviewFailed', { message: errorMessage(error) }));
        this.error.hidden = false;
      }
    } finally {
      this.busy.delete(claim.id);
      if (this.claim?.id === claim.id) this.render();
    }
  }
}
