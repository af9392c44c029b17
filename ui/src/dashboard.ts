// The dashboard (#dashboard): verdicts and statuses across every article as bar charts (SVG built
// element by element, numbers as text), each article's progress, and the agreement between
// independent verdicts (Cohen's κ, Krippendorff's α), over all articles and per article.
import * as api from './api';
import type { Agreement, ArticleSummary, Claim, Session } from './api';
import { articleTitle } from './articles';
import { el, errorMessage, replace, setText } from './dom';
import { lang, plural, ratingLabel, statusLabel, t } from './i18n';
import { STATUSES, progressBar, statusCounts } from './progress';
import { NEUTRAL_BADGE, safeColour } from './reviewers';

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element; attribute values only, never markup. */
function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

export interface Bar {
  key: string;
  label: string;
  count: number;
  /** A fill colour, or null to colour it by `cls` in the stylesheet. */
  colour: string | null;
  cls: string;
}

/** κ or α with two decimals in the UI language ("0.62", "0,62"); "—" when not defined. */
export function formatCoefficient(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(lang() === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** κ as shown, with why it is missing: Cohen's κ compares exactly two reviewers. */
export function kappaText(a: Agreement): string {
  if (a.cohen_kappa !== null && a.cohen_kappa !== undefined) return formatCoefficient(a.cohen_kappa);
  return a.claims > 0 && a.reviewers.length !== 2 ? t('kappaNeedsTwo') : t('notDefined');
}

export function alphaText(a: Agreement): string {
  return a.krippendorff_alpha !== null && a.krippendorff_alpha !== undefined
    ? formatCoefficient(a.krippendorff_alpha)
    : t('notDefined');
}

/**
 * A bar per rating of the scale (in its colour and label), then "no verdict", verdict keys off
 * the scale, and the claims whose verdict the acting reviewer may not see yet (`blind`).
 */
export function verdictBars(claims: readonly Claim[], session: Session | null, blind: (c: Claim) => boolean): Bar[] {
  const counts = new Map<string, number>();
  let none = 0;
  let hidden = 0;
  for (const c of claims) {
    if (blind(c)) hidden += 1;
    else if (!c.verdict) none += 1;
    else counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
  }
  const ratings = session?.scale.ratings ?? [];
  const bars: Bar[] = ratings.map((r) => ({
    key: r.key,
    label: ratingLabel(r),
    count: counts.get(r.key) ?? 0,
    colour: safeColour(r.colour),
    cls: 'verdict',
  }));
  for (const [key, count] of counts) {
    if (!ratings.some((r) => r.key === key)) bars.push({ key, label: key, count, colour: NEUTRAL_BADGE, cls: 'verdict other' });
  }
  bars.push({ key: 'none', label: t('noVerdictShort'), count: none, colour: null, cls: 'none' });
  if (hidden) bars.push({ key: 'hidden', label: t('verdictHiddenShort'), count: hidden, colour: null, cls: 'hidden' });
  return bars;
}

export function statusBars(claims: readonly Claim[]): Bar[] {
  const counts = statusCounts(claims);
  return STATUSES.map((s) => ({ key: s, label: statusLabel(s), count: counts[s], colour: null, cls: `st-${s}` }));
}

/** A horizontal bar chart: label, bar (length proportional to the count), count. */
export function barChart(id: string, title: string, bars: readonly Bar[]): HTMLElement {
  const row = 26;
  const labelWidth = 150;
  const barWidth = 280;
  const width = labelWidth + barWidth + 50;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.count}`).join(', ')}`;
  const chart = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${width} ${bars.length * row + 4}`,
    width,
    height: bars.length * row + 4,
    role: 'img',
    'aria-label': summary,
  });
  bars.forEach((b, i) => {
    const y = i * row + 2;
    const length = b.count ? Math.max(2, Math.round((b.count / max) * barWidth)) : 0;
    const rect = svg('rect', { class: `bar-rect ${b.cls}`, x: labelWidth, y: y + 4, width: length, height: row - 10, rx: 2 });
    if (b.colour) rect.setAttribute('fill', b.colour);
    chart.append(
      svg(
        'g',
        { class: 'bar', 'data-key': b.key, 'data-count': b.count },
        svg('title', {}, `${b.label}: ${b.count}`),
        svg('text', { class: 'bar-label', x: labelWidth - 8, y: y + row / 2 + 2, 'text-anchor': 'end' }, b.label),
        rect,
        svg('text', { class: 'bar-count', x: labelWidth + length + 6, y: y + row / 2 + 2 }, String(b.count)),
      ),
    );
  });
  return el('figure', { id, class: 'chart-figure' }, el('figcaption', null, title), chart);
}

export interface DashboardHost {
  session(): Session | null;
  /** True when the acting reviewer may not see this claim's verdict yet. */
  blind(claim: Claim): boolean;
  open(articleId: string): void;
  close(): void;
}

/** The dashboard view. Loaded afresh each time it is opened: other reviewers may have worked. */
export class Dashboard {
  readonly root: HTMLElement;
  private readonly status: HTMLElement;
  private readonly charts: HTMLElement;
  private readonly articlesBody: HTMLTableSectionElement;
  private readonly overall: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private articles: ArticleSummary[] = [];
  private claims: Claim[] = [];
  private overallAgreement: Agreement | null = null;
  private perArticle = new Map<string, Agreement>();
  private token = 0;
  private loaded = false;

  constructor(private readonly host: DashboardHost) {
    this.status = el('p', { id: 'dashboard-status', class: 'hint', role: 'status' });
    this.charts = el('div', { class: 'charts' });
    this.overall = el('p', { id: 'agreement-overall', class: 'agreement-overall' });
    this.articlesBody = el('tbody');
    this.closeButton = el('button', { id: 'dashboard-close', type: 'button', 'data-i18n': 'dashboardClose' });
    const th = (key: Parameters<typeof t>[0]) => el('th', { scope: 'col', 'data-i18n': key }, t(key));
    this.root = el(
      'section',
      { id: 'dashboard', class: 'dashboard', hidden: true, 'aria-labelledby': 'dashboard-heading', tabindex: '-1' },
      el(
        'div',
        { class: 'dashboard-inner' },
        el('div', { class: 'dashboard-head' }, el('h1', { id: 'dashboard-heading', 'data-i18n': 'dashboardHeading' }), this.closeButton),
        this.status,
        this.charts,
        el(
          'section',
          { id: 'agreement', class: 'agreement', 'aria-labelledby': 'agreement-heading' },
          el('h2', { id: 'agreement-heading', 'data-i18n': 'agreementHeading' }),
          el('p', { id: 'agreement-explain', class: 'hint', 'data-i18n': 'agreementExplain' }),
          this.overall,
        ),
        el(
          'table',
          { id: 'dashboard-articles', class: 'dashboard-articles' },
          el(
            'thead',
            null,
            el('tr', null, th('dashArticle'), th('dashClaims'), th('dashProgress'), th('dashTwoVerdicts'), th('dashReviewers'), th('kappa'), th('alpha')),
          ),
          this.articlesBody,
        ),
      ),
    );
    this.closeButton.addEventListener('click', () => this.host.close());
    this.articlesBody.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLElement>('button[data-article-id]');
      if (button?.dataset.articleId) this.host.open(button.dataset.articleId);
    });
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** Asks the host for every article, claim and agreement, then draws them. */
  async load(): Promise<void> {
    const token = ++this.token;
    setText(this.status, t('loading'));
    this.status.hidden = false;
    try {
      const [articles, claims, overall] = await Promise.all([api.listArticles(), api.listClaims(null), api.agreement(null)]);
      if (token !== this.token) return;
      this.articles = articles ?? [];
      this.claims = claims ?? [];
      this.overallAgreement = overall ?? null;
      // Only articles with a claim that has a second verdict can have any agreement to measure.
      const measured = this.articles.filter((a) => this.claims.some((c) => c.article_id === a.id && (c.reviews ?? []).length > 0));
      const answers = await Promise.all(measured.map((a) => api.agreement(a.id).then((x) => [a.id, x] as const)));
      if (token !== this.token) return;
      this.perArticle = new Map(answers);
      this.status.hidden = true;
      this.loaded = true;
      this.render();
    } catch (error) {
      if (token !== this.token) return;
      setText(this.status, t('dashboardFailed', { message: errorMessage(error) }));
    }
  }

  focus(): void {
    this.root.focus();
  }

  applyLang(): void {
    if (this.loaded) this.render();
  }

  render(): void {
    const session = this.host.session();
    replace(
      this.charts,
      el('p', { id: 'dashboard-totals', class: 'dashboard-totals' },
        plural(this.articles.length, 'dashArticlesOne', 'dashArticlesMany'), ' · ', plural(this.claims.length, 'claimCountOne', 'claimCountMany')),
      barChart('chart-verdicts', t('chartVerdicts'), verdictBars(this.claims, session, (c) => this.host.blind(c))),
      barChart('chart-statuses', t('chartStatuses'), statusBars(this.claims)),
    );
    const overall = this.overallAgreement;
    replace(this.overall, overall ? this.agreementLine(overall) : t('notDefined'));
    replace(this.articlesBody, ...this.articles.map((a) => this.articleRow(a)));
  }

  private agreementLine(a: Agreement): string {
    if (!a.claims) return t('agreementNone');
    return t('agreementOverall', {
      claims: plural(a.claims, 'claimCountOne', 'claimCountMany'),
      reviewers: a.reviewers.join(', ') || '—',
      kappa: kappaText(a),
      alpha: alphaText(a),
    });
  }

  private articleRow(article: ArticleSummary): HTMLTableRowElement {
    const claims = this.claims.filter((c) => c.article_id === article.id);
    // The article's own claims when they were listed; the host's counts otherwise.
    const counts = claims.length ? statusCounts(claims) : article.statuses ?? {};
    const agreement = this.perArticle.get(article.id);
    const measured = agreement && agreement.claims > 0;
    return el(
      'tr',
      { 'data-article-id': article.id },
      el('td', null, el('button', { type: 'button', class: 'link', 'data-article-id': article.id }, articleTitle(article))),
      el('td', { class: 'num' }, claims.length || article.claims || 0),
      el('td', null, progressBar(counts, true)),
      el('td', { class: 'num agreement-claims' }, measured ? agreement.claims : 0),
      el('td', { class: 'agreement-reviewers' }, measured ? agreement.reviewers.join(', ') : '—'),
      el('td', { class: 'num kappa' }, measured ? kappaText(agreement) : '—'),
      el('td', { class: 'num alpha' }, measured ? alphaText(agreement) : '—'),
    );
  }
}
