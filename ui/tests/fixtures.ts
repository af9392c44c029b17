import type { ArticleSummary, Article, Claim, Reviewer, Session, VersionSummary } from '../src/api';

export const CAMILLE: Reviewer = {
  id: 'rev-camille',
  name: 'Camille Martin',
  initials: 'CM',
  colour: '#2451b3',
  created: '2024-03-01T09:00:00Z',
};

export const LEA: Reviewer = {
  id: 'rev-lea',
  name: 'Léa Petit',
  initials: 'LP',
  colour: '#f2c94c',
  created: '2024-03-02T09:00:00Z',
};

export const SESSION: Session = {
  reviewer: CAMILLE,
  chosen: true,
  second_reviewer: false,
  database: '/tmp/claimdesk.sqlite',
  scale: {
    key: 'default',
    name: 'Default',
    ratings: [
      { key: 'true', value: 1, label_en: 'True', label_fr: 'Vrai', colour: '#2e7d32' },
      { key: 'misleading', value: 0.5, label_en: 'Misleading', label_fr: 'Trompeur', colour: '#f9a825' },
      { key: 'false', value: 0, label_en: 'False', label_fr: 'Faux', colour: '#c62828' },
      { key: 'unverifiable', value: null, label_en: 'Unverifiable', label_fr: 'Invérifiable', colour: '#607d8b' },
    ],
  },
  transitions: {
    draft: ['in_review', 'rejected'],
    in_review: ['draft', 'reviewed', 'rejected'],
    reviewed: ['in_review', 'published'],
    published: ['reviewed'],
    rejected: ['draft'],
  },
};

export const TEXT =
  'Le 📱 coûte 900 euros, selon le ministre.\n\nLes impôts ont augmenté de 12 % en 2023.\n\nFin.';

export const ARTICLE: Article = {
  id: 'art-1',
  title: 'Un article',
  byline: 'Jeanne Dupont',
  publisher: 'Le Quotidien',
  published: '2024-03-05',
  modified: null,
  language: 'fr',
  url: 'https://example.org/article',
  sha256: 'abc',
  version: 1,
  text: TEXT,
};

/** A stored version of ARTICLE, for list_versions. */
export function versionSummary(number: number, over: Partial<VersionSummary> = {}): VersionSummary {
  return {
    number,
    sha256: `sha-${number}`,
    title: ARTICLE.title,
    url: ARTICLE.url,
    published: ARTICLE.published,
    modified: null,
    imported: `2024-03-0${4 + number}T09:30:00Z`,
    imported_by: 'Camille Martin',
    chars: Array.from(TEXT).length,
    claims: 0,
    ...over,
  };
}

/** The session of another reviewer than the claims' author. */
export const SESSION_LEA: Session = { ...SESSION, reviewer: LEA };

export const SUMMARIES: ArticleSummary[] = [
  // As the host counts the two claims most tests list on it (one draft, one in review).
  { ...ARTICLE, text: undefined, claims: 2, statuses: { draft: 1, in_review: 1 }, verdicts: { false: 1 } },
  {
    id: 'art-2',
    title: null,
    byline: null,
    publisher: null,
    published: null,
    modified: null,
    language: null,
    url: null,
    sha256: 'def',
    version: 1,
    claims: 0,
    statuses: {},
    verdicts: {},
  },
];

/** Code point offset of `needle` in TEXT. */
export function cp(needle: string): number {
  return Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
}

export function makeClaim(over: Partial<Claim> & { id: string; start: number; end: number }): Claim {
  const chars = Array.from(TEXT);
  return {
    article_id: 'art-1',
    version: 1,
    quote: chars.slice(over.start, over.end).join(''),
    prefix: chars.slice(Math.max(0, over.start - 20), over.start).join(''),
    suffix: chars.slice(over.end, over.end + 20).join(''),
    claimant: null,
    verdict: null,
    status: 'draft',
    note: null,
    reviewer: 'Camille Martin',
    modified_by: 'Camille Martin',
    created: '2024-03-06T10:00:00Z',
    modified: '2024-03-06T10:00:00Z',
    statement: null,
    type: null,
    claimant_role: null,
    claimant_url: null,
    rationale: null,
    tags: [],
    evidence: [],
    assignee: null,
    reviews: [],
    anchor_state: 'anchored',
    previous_quote: null,
    kept_on_version: false,
    ...over,
  };
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets pending promise callbacks run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

/** Selects from (startNode, startOffset) to (endNode, endOffset), as a mouse drag would. */
export function select(startNode: Node, startOffset: number, endNode: Node, endOffset: number): void {
  const range = document.createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}
