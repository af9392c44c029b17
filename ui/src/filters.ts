// The claims panel's filters (status, verdict, type, reviewer, tag) and search within the article.
import type { Claim, Session, Status } from './api';
import { CLAIM_TYPES } from './claims';
import { el, replace, setText } from './dom';
import { ratingLabel, statusLabel, t, type Key } from './i18n';
import { STATUSES } from './progress';

/** Filter values: "" is "any". */
export interface Filters {
  status: Status | '';
  /** A verdict key, NONE (no verdict) or HIDDEN (verdict hidden: awaiting the acting reviewer's
   * blind review). */
  verdict: string;
  /** A claim type or NONE. */
  type: string;
  /** An author or a second reviewer. */
  reviewer: string;
  tag: string;
  /** Words to find in the quote, statement, claimant or note. */
  text: string;
}

/** Option values for "no verdict / no type" and "verdict hidden" (never a scale key or a type). */
export const NONE = '__none';
export const HIDDEN = '__hidden';
export const NO_FILTERS: Readonly<Filters> = { status: '', verdict: '', type: '', reviewer: '', tag: '', text: '' };

/** Case- and accent-insensitive form: "Impôts" and "impots" match. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** True when every word of `query` is in the claim's quote, statement, claimant or note. */
export function matchesText(claim: Claim, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const haystack = fold([claim.quote, claim.statement, claim.claimant, claim.note].filter(Boolean).join('\n'));
  return words.every((w) => haystack.includes(w));
}

/**
 * True when the claim passes every filter. `blind` claims (whose verdict the acting reviewer may
 * not see yet) match no verdict filter but "hidden": filtering by verdict must not tell them apart.
 */
export function matches(claim: Claim, f: Filters, blind = false): boolean {
  if (f.status && claim.status !== f.status) return false;
  if (f.verdict) {
    if (f.verdict === HIDDEN) {
      if (!blind) return false;
    } else if (blind) {
      return false;
    } else if (f.verdict === NONE ? !!claim.verdict : claim.verdict !== f.verdict) {
      return false;
    }
  }
  if (f.type && (f.type === NONE ? !!claim.type : claim.type !== f.type)) return false;
  if (f.reviewer && claim.reviewer !== f.reviewer && !(claim.reviews ?? []).some((r) => r.reviewer === f.reviewer)) {
    return false;
  }
  if (f.tag && !(claim.tags ?? []).includes(f.tag)) return false;
  return matchesText(claim, f.text);
}

export function isFiltering(f: Filters): boolean {
  return Object.values(f).some((v) => v.trim() !== '');
}

/** Authors and second reviewers of these claims, sorted. */
export function reviewersOf(claims: readonly Claim[]): string[] {
  const names = new Set<string>();
  for (const c of claims) {
    if (c.reviewer) names.add(c.reviewer);
    for (const r of c.reviews ?? []) names.add(r.reviewer);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

export function tagsOf(claims: readonly Claim[]): string[] {
  return [...new Set(claims.flatMap((c) => c.tags ?? []))].sort((a, b) => a.localeCompare(b));
}

type Option = [value: string, label: string];

/**
 * The filter bar (#claim-filters): #search, #filter-status, #filter-verdict, #filter-type,
 * #filter-reviewer, #filter-tag, the count (#filter-count, "k of n") and #filter-clear.
 */
export class FilterBar {
  readonly root: HTMLElement;
  readonly search: HTMLInputElement;
  private readonly selects: Record<Exclude<keyof Filters, 'text'>, HTMLSelectElement>;
  private readonly count: HTMLElement;
  private readonly clearButton: HTMLButtonElement;
  private claims: readonly Claim[] = [];
  private session: Session | null = null;
  private anyBlind = false;
  /** Each select's options as last drawn. */
  private drawn = new Map<string, string>();

  constructor(private readonly changed: () => void) {
    this.search = el('input', {
      id: 'search',
      type: 'search',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-i18n-placeholder': 'searchPlaceholder',
      'data-i18n-aria-label': 'searchLabel',
    });
    const select = (id: string, label: Key) => el('select', { id, class: 'filter', 'data-i18n-aria-label': label, 'data-i18n-title': label });
    this.selects = {
      status: select('filter-status', 'filterStatus'),
      verdict: select('filter-verdict', 'filterVerdict'),
      type: select('filter-type', 'filterType'),
      reviewer: select('filter-reviewer', 'filterReviewer'),
      tag: select('filter-tag', 'filterTag'),
    };
    this.count = el('span', { id: 'filter-count', class: 'filter-count', role: 'status', 'aria-live': 'polite' });
    this.clearButton = el('button', { id: 'filter-clear', type: 'button', class: 'link', hidden: true, 'data-i18n': 'filterClear' });
    this.root = el(
      'div',
      { id: 'claim-filters', class: 'filters', role: 'search' },
      this.search,
      el('div', { class: 'filter-row' }, ...Object.values(this.selects)),
      el('div', { class: 'filter-foot' }, this.count, this.clearButton),
    );
    this.search.addEventListener('input', () => this.changed());
    for (const s of Object.values(this.selects)) s.addEventListener('change', () => this.changed());
    this.clearButton.addEventListener('click', () => {
      this.clear();
      this.search.focus();
    });
  }

  get value(): Filters {
    const s = this.selects;
    return {
      status: s.status.value as Status | '',
      verdict: s.verdict.value,
      type: s.type.value,
      reviewer: s.reviewer.value,
      tag: s.tag.value,
      text: this.search.value,
    };
  }

  clear(): void {
    this.search.value = '';
    for (const s of Object.values(this.selects)) s.value = '';
    this.changed();
  }

  focusSearch(): void {
    this.search.focus();
    this.search.select();
  }

  /** The claims the options are drawn from (the open article's), and whether any is blind. */
  update(claims: readonly Claim[], session: Session | null, anyBlind: boolean): void {
    this.claims = claims;
    this.session = session;
    this.anyBlind = anyBlind;
    this.renderOptions();
  }

  /** Shows "k of n claims" and whether the filters can be cleared. */
  showCount(shown: number, total: number): void {
    const filtering = isFiltering(this.value);
    setText(this.count, filtering ? t('filterCount', { k: shown, n: total }) : t('filterCountAll', { n: total }));
    this.count.classList.toggle('filtering', filtering);
    this.clearButton.hidden = !filtering;
  }

  applyLang(): void {
    this.renderOptions();
  }

  private renderOptions(): void {
    const ratings = this.session?.scale.ratings ?? [];
    const verdicts: Option[] = ratings.map((r) => [r.key, ratingLabel(r)]);
    verdicts.push([NONE, t('noVerdictShort')]);
    if (this.anyBlind || this.selects.verdict.value === HIDDEN) verdicts.push([HIDDEN, t('verdictHiddenFilter')]);
    this.fill('status', 'filterAllStatuses', STATUSES.map((s) => [s, statusLabel(s)]));
    this.fill('verdict', 'filterAllVerdicts', verdicts);
    this.fill('type', 'filterAllTypes', [...CLAIM_TYPES.map((k): Option => [k, t(`type_${k}` as Key)]), [NONE, t('filterNoType')]]);
    this.fill('reviewer', 'filterAllReviewers', reviewersOf(this.claims).map((n) => [n, n]));
    this.fill('tag', 'filterAllTags', tagsOf(this.claims).map((tag) => [tag, tag]));
  }

  /** Refills a select only when its options changed (a select being used keeps its state), and
   * keeps the value chosen even when no claim of this article has it. */
  private fill(name: keyof FilterBar['selects'], anyLabel: Key, options: Option[]): void {
    const select = this.selects[name];
    const value = select.value;
    const all: Option[] = [['', t(anyLabel)], ...options];
    if (value && !all.some(([v]) => v === value)) all.push([value, value]);
    const signature = JSON.stringify(all);
    if (this.drawn.get(name) === signature) return;
    this.drawn.set(name, signature);
    replace(select, ...all.map(([v, label]) => el('option', { value: v }, label)));
    select.value = value;
  }
}
