// The article list (left column) and the reader's heading (title and meta line).
import type { Article, ArticleSummary, Claim } from './api';
import { el, replace, setText } from './dom';
import { formatDate, plural, t } from './i18n';
import { progressBar, statusCounts } from './progress';

export function articleTitle(article: Pick<Article, 'title'>): string {
  const title = article.title?.trim();
  return title ? title : t('untitled');
}

/** "publisher · date", leaving out what is unknown. */
export function sourceLine(article: Article): string {
  return [article.publisher, formatDate(article.published)].filter((s) => s && s.trim()).join(' · ');
}

/**
 * The meta parts under the title: byline, publisher, published date, the date the page says it
 * was updated, the stored version (from the second one on), URL (as plain text).
 */
export function metaParts(article: Article): { kind: string; text: string }[] {
  const parts: { kind: string; text: string }[] = [];
  if (article.byline?.trim()) parts.push({ kind: 'byline', text: article.byline.trim() });
  if (article.publisher?.trim()) parts.push({ kind: 'publisher', text: article.publisher.trim() });
  if (article.published) parts.push({ kind: 'published', text: formatDate(article.published) });
  if (article.modified) parts.push({ kind: 'modified', text: t('metaUpdated', { date: formatDate(article.modified) }) });
  if (typeof article.version === 'number' && article.version > 1) {
    parts.push({ kind: 'version', text: t('metaVersion', { n: article.version }) });
  }
  if (article.url?.trim()) parts.push({ kind: 'url', text: article.url.trim() });
  return parts;
}

export function renderMeta(target: HTMLElement, article: Article | null): void {
  if (!article) {
    replace(target);
    return;
  }
  const nodes: Node[] = [];
  metaParts(article).forEach((part, i) => {
    if (i) nodes.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    nodes.push(el('span', { class: `meta-${part.kind}` }, part.text));
  });
  replace(target, ...nodes);
}

export class ArticleList {
  readonly root: HTMLUListElement;
  articles: ArticleSummary[] = [];
  currentId: string | null = null;

  constructor(private readonly open: (id: string) => void) {
    this.root = el('ul', { id: 'article-list', class: 'article-list', 'data-i18n-aria-label': 'articlesHeading' });
    this.root.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('li[data-article-id]');
      if (item && this.root.contains(item) && item.dataset.articleId) this.open(item.dataset.articleId);
    });
  }

  set(articles: ArticleSummary[]): void {
    this.articles = articles;
    this.render();
  }

  setCurrent(id: string | null): void {
    this.currentId = id;
    for (const li of Array.from(this.root.querySelectorAll<HTMLElement>('li[data-article-id]'))) {
      const on = li.dataset.articleId === id;
      li.classList.toggle('current', on);
      if (on) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
    }
  }

  /** Shows the counts of an article from its claims as they now are (after an edit here). */
  updateCounts(id: string, claims: readonly Claim[]): void {
    const article = this.articles.find((a) => a.id === id);
    if (!article) return;
    article.claims = claims.length;
    article.statuses = statusCounts(claims);
    const li = Array.from(this.root.querySelectorAll<HTMLElement>('li[data-article-id]')).find(
      (x) => x.dataset.articleId === id,
    );
    const count = li?.querySelector('.article-count');
    if (count) setText(count, plural(article.claims, 'claimCountOne', 'claimCountMany'));
    li?.querySelector('.progress')?.remove();
    if (li && article.claims) li.querySelector('.article-button')?.append(this.progress(article));
  }

  /** The ids of the articles in list order. */
  ids(): string[] {
    return this.articles.map((a) => a.id);
  }

  private progress(article: ArticleSummary): HTMLElement {
    return progressBar(article.statuses ?? {}, true);
  }

  render(): void {
    if (!this.articles.length) {
      replace(this.root, el('li', { class: 'empty hint' }, t('articlesEmpty')));
      return;
    }
    replace(
      this.root,
      ...this.articles.map((a) => {
        const current = a.id === this.currentId;
        const source = sourceLine(a);
        return el(
          'li',
          {
            'data-article-id': a.id,
            class: current ? 'article-item current' : 'article-item',
            'aria-current': current ? 'true' : null,
          },
          el(
            'button',
            { type: 'button', class: 'article-button' },
            el('span', { class: 'article-title' }, articleTitle(a)),
            source ? el('span', { class: 'article-source' }, source) : null,
            el('span', { class: 'article-count' }, plural(a.claims, 'claimCountOne', 'claimCountMany')),
            a.claims ? this.progress(a) : null,
          ),
        );
      }),
    );
  }
}
