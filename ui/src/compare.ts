// The version view (#compare-view): the word diff between two versions of the open article, with
// what became of each claim marked on it. Claims on the newer version are drawn where they now
// stand (anchored, moved, changed); claims that refer to the older version (orphans) are drawn on
// the older text, removed passages included.
import * as api from './api';
import type { AnchorState, Claim, Segment, VersionSummary } from './api';
import { el, errorMessage, replace, setText } from './dom';
import { formatTimestamp, plural, t, type Key } from './i18n';
import { truncateCp } from './offsets';

/** A claim as drawn on the diff: on the old text or on the new one. */
export interface DiffClaim {
  id: string;
  /** Code points of the version it refers to, end exclusive. */
  start: number;
  end: number;
  side: 'old' | 'new';
  state: AnchorState;
  kept: boolean;
}

export interface DiffRun {
  kind: Segment['kind'];
  text: string;
  /** Code points of the run's first character in the old / new text (null where it is not). */
  oldStart: number | null;
  newStart: number | null;
  /** The claims covering the whole run, outermost (longest) first. */
  claims: string[];
}

export interface DiffParagraph {
  runs: DiffRun[];
  /** The paragraph break that ends it: in both texts, only in the old one, only in the new one;
   * null for the last paragraph. */
  breakKind: Segment['kind'] | null;
}

/**
 * The diff as paragraphs of runs: each segment is cut at the paragraph breaks ("\n\n", which
 * start a new paragraph whatever side they are on) and wherever a claim starts or ends. Claims on
 * the `new` side are placed through the segments' new_start, those on the `old` side through
 * their old_start.
 */
export function diffParagraphs(segments: readonly Segment[], claims: readonly DiffClaim[]): DiffParagraph[] {
  const paragraphs: DiffParagraph[] = [{ runs: [], breakKind: null }];
  const live = claims.filter((c) => c.end > c.start);
  const length = (c: DiffClaim) => c.end - c.start;
  for (const seg of segments) {
    const chars = Array.from(seg.text);
    const n = chars.length;
    if (!n) continue;
    const breaks = new Set<number>();
    for (let i = 0; i + 1 < n; i++) {
      if (chars[i] === '\n' && chars[i + 1] === '\n') {
        breaks.add(i);
        i++;
      }
    }
    const cuts = new Set<number>([0, n]);
    for (const b of breaks) {
      cuts.add(b);
      cuts.add(b + 2);
    }
    const base = (c: DiffClaim) => (c.side === 'new' ? seg.new_start : seg.old_start);
    for (const c of live) {
      const at = base(c);
      if (at === null) continue;
      for (const x of [c.start - at, c.end - at]) {
        // Never inside a paragraph break: it stays one piece.
        if (x > 0 && x < n && !breaks.has(x - 1)) cuts.add(x);
      }
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let k = 0; k + 1 < sorted.length; k++) {
      const from = sorted[k];
      const to = sorted[k + 1];
      if (breaks.has(from) && to === from + 2) {
        paragraphs[paragraphs.length - 1].breakKind = seg.kind;
        paragraphs.push({ runs: [], breakKind: null });
        continue;
      }
      const covering = live
        .filter((c) => {
          const at = base(c);
          return at !== null && c.start <= at + from && c.end >= at + to;
        })
        .sort((a, b) => length(b) - length(a) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      paragraphs[paragraphs.length - 1].runs.push({
        kind: seg.kind,
        text: chars.slice(from, to).join(''),
        oldStart: seg.old_start === null ? null : seg.old_start + from,
        newStart: seg.new_start === null ? null : seg.new_start + from,
        claims: covering.map((c) => c.id),
      });
    }
  }
  return paragraphs;
}

/** Which claims are drawn on the diff from version `from` to version `to`, and on which side. */
export function diffClaims(claims: readonly Claim[], from: number, to: number): DiffClaim[] {
  const out: DiffClaim[] = [];
  for (const c of claims) {
    const side = c.version === to ? 'new' : c.version === from ? 'old' : null;
    if (!side) continue;
    out.push({ id: c.id, start: c.start, end: c.end, side, state: c.anchor_state, kept: c.kept_on_version });
  }
  return out;
}

/** Words in the removed and in the added segments. */
export function wordCounts(segments: readonly Segment[]): { removed: number; added: number } {
  const words = (s: string) => (s.match(/\S+/g) ?? []).length;
  let removed = 0;
  let added = 0;
  for (const s of segments) {
    if (s.kind === 'removed') removed += words(s.text);
    else if (s.kind === 'added') added += words(s.text);
  }
  return { removed, added };
}

const TAGS = { kept: 'span', removed: 'del', added: 'ins' } as const;

export interface CompareHost {
  close(): void;
  /** Go back to the article with this claim selected. */
  select(claimId: string): void;
}

export class CompareView {
  readonly root: HTMLElement;
  private readonly articleLine: HTMLElement;
  private readonly from: HTMLSelectElement;
  private readonly to: HTMLSelectElement;
  private readonly status: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly notDrawn: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly text: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private articleId: string | null = null;
  private versions: VersionSummary[] = [];
  private claims: Claim[] = [];
  private segments: Segment[] | null = null;
  /** The versions the segments compare. */
  private pair: [number, number] | null = null;
  private error: string | null = null;
  private token = 0;

  constructor(private readonly host: CompareHost) {
    this.articleLine = el('p', { id: 'compare-article', class: 'compare-article' });
    this.from = el('select', { id: 'compare-from' });
    this.to = el('select', { id: 'compare-to' });
    this.status = el('p', { id: 'compare-status', class: 'hint', role: 'status', hidden: true });
    this.summary = el('p', { id: 'compare-summary', class: 'compare-summary' });
    this.notDrawn = el('p', { id: 'compare-not-drawn', class: 'hint', hidden: true });
    this.legend = el('ul', { id: 'compare-legend', class: 'compare-legend' });
    this.text = el('div', { id: 'compare-text', class: 'compare-text' });
    this.closeButton = el('button', { id: 'compare-close', type: 'button', 'data-i18n': 'compareClose' });
    this.root = el(
      'section',
      { id: 'compare-view', class: 'compare-view', hidden: true, 'aria-labelledby': 'compare-heading', tabindex: '-1' },
      el(
        'div',
        { class: 'compare-inner' },
        el(
          'div',
          { class: 'dashboard-head compare-head' },
          el('h1', { id: 'compare-heading', 'data-i18n': 'compareHeading' }),
          this.closeButton,
        ),
        this.articleLine,
        el(
          'div',
          { class: 'compare-controls' },
          el('label', { for: 'compare-from', 'data-i18n': 'compareFrom' }),
          this.from,
          el('label', { for: 'compare-to', 'data-i18n': 'compareTo' }),
          this.to,
        ),
        el(
          'div',
          { class: 'compare-legend-row' },
          el('span', { class: 'compare-legend-label', 'data-i18n': 'compareLegend' }),
          this.legend,
        ),
        this.summary,
        this.notDrawn,
        this.status,
        this.text,
      ),
    );
    this.closeButton.addEventListener('click', () => this.host.close());
    const changed = () => void this.load();
    this.from.addEventListener('change', changed);
    this.to.addEventListener('change', changed);
    this.text.addEventListener('click', (event) => {
      const target = (event.target as Element).closest<HTMLElement>('[data-claim-id]');
      if (!target?.dataset.claimId) return;
      const selection = this.root.ownerDocument.getSelection();
      if (selection && !selection.isCollapsed && target.tagName !== 'BUTTON') return;
      this.host.select(target.dataset.claimId);
    });
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** The versions compared, once chosen. */
  get chosen(): { from: number; to: number } {
    return { from: Number(this.from.value), to: Number(this.to.value) };
  }

  /**
   * Shows the view for an article: by default the version before the latest against the latest.
   */
  async open(
    articleId: string,
    title: string,
    versions: readonly VersionSummary[],
    claims: readonly Claim[],
    pair: { from: number; to: number } | null = null,
  ): Promise<void> {
    this.articleId = articleId;
    this.versions = [...versions].sort((a, b) => a.number - b.number);
    this.claims = [...claims];
    this.fillSelects();
    const numbers = this.versions.map((v) => v.number);
    const latest = numbers[numbers.length - 1] ?? 1;
    const to = pair && numbers.includes(pair.to) ? pair.to : latest;
    const from = pair && numbers.includes(pair.from) ? pair.from : numbers[Math.max(0, numbers.indexOf(to) - 1)] ?? to;
    this.from.value = String(from);
    this.to.value = String(to);
    this.root.hidden = false;
    this.renderLegend();
    setText(this.articleLine, title);
    await this.load();
  }

  close(): void {
    this.root.hidden = true;
    this.token++;
  }

  focus(): void {
    this.root.focus();
  }

  /** The claims changed (a triage action in the article): drawn again as they now are. */
  setClaims(claims: readonly Claim[]): void {
    this.claims = [...claims];
    if (this.isOpen) this.render();
  }

  applyLang(): void {
    if (!this.articleId) return;
    const { from, to } = this.chosen;
    this.fillSelects();
    this.from.value = String(from);
    this.to.value = String(to);
    this.renderLegend();
    this.render();
  }

  private fillSelects(): void {
    const latest = this.versions[this.versions.length - 1]?.number;
    const options = () =>
      this.versions.map((v) =>
        el(
          'option',
          { value: v.number },
          v.imported
            ? t(v.number === latest ? 'versionOptionLatest' : 'versionOption', { n: v.number, date: formatTimestamp(v.imported) })
            : t('versionInfoShort', { n: v.number }),
        ),
      );
    replace(this.from, ...options());
    replace(this.to, ...options());
  }

  async load(): Promise<void> {
    const articleId = this.articleId;
    if (!articleId) return;
    const token = ++this.token;
    const { from, to } = this.chosen;
    this.segments = null;
    this.pair = null;
    this.error = null;
    if (from === to) {
      this.render();
      return;
    }
    setText(this.status, t('loading'));
    this.status.hidden = false;
    try {
      const segments = await api.compareVersions(articleId, from, to);
      if (token !== this.token) return;
      this.segments = Array.isArray(segments) ? segments : [];
      this.pair = [from, to];
    } catch (error) {
      if (token !== this.token) return;
      this.error = errorMessage(error);
    }
    this.render();
  }

  private render(): void {
    const { from, to } = this.chosen;
    this.status.hidden = true;
    if (from === to) {
      this.showStatus(t('compareSame'));
      return;
    }
    if (this.error !== null) {
      this.showStatus(t('compareFailed', { message: this.error }));
      return;
    }
    const segments = this.segments;
    if (!segments || !this.pair) return;
    const [a, b] = this.pair;
    const drawn = diffClaims(this.claims, a, b);
    const byId = new Map(this.claims.map((c) => [c.id, c]));
    const paragraphs = diffParagraphs(segments, drawn);
    const states = new Map(drawn.map((d) => [d.id, d]));
    const tagged = new Set<string>();
    const paras = paragraphs.map((p) => {
      const nodes: Node[] = [];
      for (const run of p.runs) {
        // A label where each claim begins, saying what became of it.
        for (const id of run.claims) {
          if (tagged.has(id)) continue;
          tagged.add(id);
          const d = states.get(id);
          const claim = byId.get(id);
          if (d && claim) nodes.push(this.fateTag(claim, d));
        }
        nodes.push(this.runElement(run, states));
      }
      if (p.breakKind === 'removed' || p.breakKind === 'added') {
        nodes.push(
          el(
            'span',
            {
              class: `diff-break diff-${p.breakKind}`,
              title: t(p.breakKind === 'removed' ? 'compareBreakRemoved' : 'compareBreakAdded'),
              'aria-label': t(p.breakKind === 'removed' ? 'compareBreakRemoved' : 'compareBreakAdded'),
            },
            '¶',
          ),
        );
      }
      return el('p', { class: 'diff-p', 'data-break': p.breakKind ?? 'end' }, ...nodes);
    });
    replace(this.text, ...paras);
    this.text.dataset.from = String(a);
    this.text.dataset.to = String(b);

    const words = wordCounts(segments);
    const summary: string[] = [];
    if (!words.removed && !words.added && segments.every((s) => s.kind === 'kept')) summary.push(t('compareNoChange'));
    else {
      summary.push(
        `${plural(words.removed, 'compareWordsRemovedOne', 'compareWordsRemovedMany')}, ${plural(words.added, 'compareWordsAddedOne', 'compareWordsAddedMany')}`,
      );
    }
    const counts: Record<string, number> = {};
    for (const d of drawn) {
      const key = d.state === 'orphaned' && d.kept ? 'kept' : d.state;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const parts = (['anchored', 'moved', 'changed', 'orphaned', 'kept'] as const)
      .filter((k) => counts[k])
      .map((k) => `${counts[k]} ${t(k === 'kept' ? 'fateKept' : (`fate_${k}` as Key))}`);
    if (parts.length) summary.push(t('compareClaims', { parts: parts.join(', ') }));
    setText(this.summary, summary.join(' · '));
    const missing = this.claims.length - drawn.length;
    this.notDrawn.hidden = missing <= 0;
    setText(this.notDrawn, missing > 0 ? plural(missing, 'compareNotDrawnOne', 'compareNotDrawnMany') : '');
  }

  private showStatus(message: string): void {
    replace(this.text);
    setText(this.summary, '');
    this.notDrawn.hidden = true;
    setText(this.status, message);
    this.status.hidden = false;
  }

  private runElement(run: DiffRun, states: Map<string, DiffClaim>): HTMLElement {
    const innermost = run.claims[run.claims.length - 1];
    const d = innermost ? states.get(innermost) : undefined;
    return el(
      TAGS[run.kind],
      {
        class: `diff-seg diff-${run.kind}${d ? ' diff-claim' : ''}`,
        'data-kind': run.kind,
        'data-old-start': run.oldStart,
        'data-new-start': run.newStart,
        'data-claim-id': innermost ?? null,
        'data-claim-ids': run.claims.length ? run.claims.join(' ') : null,
        'data-anchor-state': d ? d.state : null,
        'data-kept': d?.kept ? 'true' : null,
        'data-side': d ? d.side : null,
      },
      run.text,
    );
  }

  private fateTag(claim: Claim, d: DiffClaim): HTMLElement {
    const label = d.state === 'orphaned' && d.kept ? t('fateKept') : t(`fate_${d.state}` as Key);
    return el(
      'button',
      {
        type: 'button',
        class: 'fate-tag',
        'data-claim-id': claim.id,
        'data-anchor-state': d.state,
        'data-kept': d.kept ? 'true' : null,
        'data-side': d.side,
        title: t('fateTitle', { quote: truncateCp(claim.quote.replace(/\s+/g, ' '), 60), state: label }),
      },
      label,
    );
  }

  private renderLegend(): void {
    const item = (cls: string, key: Key, sample: HTMLElement) => el('li', { class: cls }, sample, ' ', t(key));
    replace(
      this.legend,
      item('legend-removed', 'legendRemoved', el('del', { class: 'diff-seg diff-removed legend-sample' }, 'abc')),
      item('legend-added', 'legendAdded', el('ins', { class: 'diff-seg diff-added legend-sample' }, 'abc')),
      ...(['anchored', 'moved', 'changed', 'orphaned'] as const).map((state) =>
        item(
          `legend-${state}`,
          (`legend${state[0].toUpperCase()}${state.slice(1)}` as Key),
          el('span', { class: 'diff-seg diff-kept diff-claim legend-sample', 'data-anchor-state': state }, 'abc'),
        ),
      ),
      item(
        'legend-kept',
        'legendKept',
        el('span', { class: 'diff-seg diff-kept diff-claim legend-sample', 'data-anchor-state': 'orphaned', 'data-kept': 'true' }, 'abc'),
      ),
    );
  }
}
