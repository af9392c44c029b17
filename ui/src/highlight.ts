// The reader: the canonical text as paragraphs, with claims drawn as highlighted segments.
import { el, replace, type Child } from './dom';
import { cpLength, registerText, selectSpan, selectionToSpan } from './offsets';

export interface ClaimRange {
  id: string;
  /** Code points in the canonical text, end exclusive. */
  start: number;
  end: number;
  /** The article version the offsets refer to; absent means "the text shown". */
  version?: number;
}

/**
 * True when `claim` can be drawn on the text of article version `version`: its offsets refer to
 * that very text. Claims on another version are listed apart, never drawn. A null `version` (the
 * version of the text is unknown) or a claim without one draws as before versions existed.
 */
export function onVersion(claim: Pick<ClaimRange, 'version'>, version: number | null | undefined): boolean {
  return version === null || version === undefined || claim.version === undefined || claim.version === version;
}

/** A suggested span to underline: `index` in the article's suggestion list. */
export interface SuggestionRange {
  index: number;
  /** Code points in the canonical text, end exclusive. */
  start: number;
  end: number;
}

export interface Segment {
  /** Code points in the canonical text, end exclusive. */
  start: number;
  end: number;
  text: string;
  /** The claims covering the whole segment, outermost (longest) first. */
  ids: string[];
  /** The shortest covering claim, or null for plain text. */
  innermost: string | null;
  /** The shortest suggestion covering the segment (its index), or null. */
  suggestion: number | null;
}

/** Outermost first: longer claims first, then earlier start, then id. */
function outerFirst(a: ClaimRange, b: ClaimRange): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Splits `text` (which starts at code point `base` of the canonical text) at every claim start
 * and end that falls inside it. Claims may overlap or nest; each segment lists the claims that
 * cover it. Segment offsets are in canonical code points. Empty claims are ignored, and so are
 * claims on another article version than `version` (when given): their offsets refer to other text.
 */
export function segments(
  text: string,
  claims: readonly ClaimRange[],
  base = 0,
  version: number | null = null,
  suggestions: readonly SuggestionRange[] = [],
): Segment[] {
  const chars = Array.from(text);
  const lo = base;
  const hi = base + chars.length;
  if (chars.length === 0) return [];
  const relevant = claims.filter(
    (c) => c.end > c.start && c.start < hi && c.end > lo && onVersion(c, version),
  );
  const clamp = (n: number) => Math.min(Math.max(n, lo), hi);
  const cuts = new Set<number>([lo, hi]);
  const suggested = suggestions.filter((s) => s.end > s.start && s.start < hi && s.end > lo);
  for (const c of [...relevant, ...suggested]) {
    cuts.add(clamp(c.start));
    cuts.add(clamp(c.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i];
    const end = sorted[i + 1];
    const covering = relevant.filter((c) => c.start <= start && c.end >= end).sort(outerFirst);
    const ids = covering.map((c) => c.id);
    const shortest = suggested
      .filter((x) => x.start <= start && x.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start) || a.index - b.index)[0];
    out.push({
      start,
      end,
      text: chars.slice(start - lo, end - lo).join(''),
      ids,
      innermost: ids.length ? ids[ids.length - 1] : null,
      suggestion: shortest ? shortest.index : null,
    });
  }
  return out;
}

export interface Block {
  /** Code point offset of the block's first character. */
  start: number;
  text: string;
}

/** The canonical text's blocks (separated by "\n\n") with their code point offsets. */
export function blocks(text: string): Block[] {
  const out: Block[] = [];
  let start = 0;
  for (const part of text.split('\n\n')) {
    out.push({ start, text: part });
    start += cpLength(part) + 2;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Colours

const NEUTRAL = '#7a8088';

function parseColour(colour: string): [number, number, number] | null {
  const c = colour.trim();
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])(?:[0-9a-f])?$/i.exec(c);
  if (m) return [m[1], m[2], m[3]].map((h) => parseInt(h + h, 16)) as [number, number, number];
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})(?:[0-9a-f]{2})?$/i.exec(c);
  if (m) return [m[1], m[2], m[3]].map((h) => parseInt(h, 16)) as [number, number, number];
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return null;
}

/** `colour` at the given opacity, as a CSS colour value. */
export function tint(colour: string, alpha: number): string {
  const rgb = parseColour(colour);
  const a = Math.round(alpha * 100) / 100;
  if (rgb) return `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${a})`;
  return `color-mix(in srgb, ${colour} ${Math.round(a * 100)}%, transparent)`;
}

/** Background opacity for a segment covered by `depth` claims: deeper when nested. */
export function depthAlpha(depth: number): number {
  return Math.min(0.2 + 0.14 * (Math.max(depth, 1) - 1), 0.62);
}

/** Applies a verdict colour (or the neutral one) to an element through CSS custom properties. */
export function paintColour(node: HTMLElement, colour: string | null, depth = 1): void {
  const base = colour ?? NEUTRAL;
  node.style.setProperty('--claim-bg', tint(base, depthAlpha(depth)));
  node.style.setProperty('--claim-edge', base);
}

// ---------------------------------------------------------------------------------------------
// Rendering

export interface ReaderClaim extends ClaimRange {
  verdict: string | null;
  /** How the claim fared when the article changed (absent: anchored). */
  anchor_state?: 'anchored' | 'moved' | 'changed' | 'orphaned';
  kept_on_version?: boolean;
}

export type ColourOf = (verdict: string | null) => string | null;

// Bidi controls (embeddings, overrides, isolates and their pops) are characters of the page and
// stay in the text, but each is drawn as its own marker: `dir` isolates it (unicode-bidi:
// isolate), so it cannot reorder the text around it (an RLO cannot turn "000,01" into "10,000"),
// and style.css labels it, so the reviewer sees that the page used one.
const BIDI_CONTROLS: Record<string, [string, string]> = {
  '\u202a': ['LRE', 'LEFT-TO-RIGHT EMBEDDING'],
  '\u202b': ['RLE', 'RIGHT-TO-LEFT EMBEDDING'],
  '\u202c': ['PDF', 'POP DIRECTIONAL FORMATTING'],
  '\u202d': ['LRO', 'LEFT-TO-RIGHT OVERRIDE'],
  '\u202e': ['RLO', 'RIGHT-TO-LEFT OVERRIDE'],
  '\u2066': ['LRI', 'LEFT-TO-RIGHT ISOLATE'],
  '\u2067': ['RLI', 'RIGHT-TO-LEFT ISOLATE'],
  '\u2068': ['FSI', 'FIRST STRONG ISOLATE'],
  '\u2069': ['PDI', 'POP DIRECTIONAL ISOLATE'],
};
const HAS_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** `text` as children of a segment, each bidi control in its own marker (same text, same offsets). */
export function withBidiMarkers(text: string): Child[] {
  if (!HAS_BIDI_CONTROL.test(text)) return [text];
  const out: Child[] = [];
  let run = '';
  for (const ch of text) {
    const control = BIDI_CONTROLS[ch];
    if (!control) {
      run += ch;
      continue;
    }
    if (run) out.push(run);
    run = '';
    const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    out.push(el('span', { class: 'bidi-control', dir: 'ltr', 'data-bidi': control[0], title: `U+${code} ${control[1]}` }, ch));
  }
  if (run) out.push(run);
  return out;
}

function renderBlock(
  p: HTMLElement,
  block: Block,
  claims: readonly ClaimRange[],
  version: number | null,
  suggestions: readonly SuggestionRange[],
): void {
  const parts = segments(block.text, claims, block.start, version, suggestions).map((seg) => {
    // A suggestion is a quiet underline on whatever the segment is (plain text or a claim).
    const suggested = seg.suggestion === null ? {} : { 'data-suggestion': seg.suggestion };
    if (!seg.innermost) {
      return el('span', { class: seg.suggestion === null ? 'seg' : 'seg suggested', 'data-start': seg.start, ...suggested }, ...withBidiMarkers(seg.text));
    }
    return el(
      'mark',
      {
        ...suggested,
        class: seg.suggestion === null ? 'claim' : 'claim suggested',
        'data-start': seg.start,
        'data-end': seg.end,
        'data-claim-id': seg.innermost,
        'data-claim-ids': seg.ids.join(' '),
        'data-depth': seg.ids.length,
      },
      ...withBidiMarkers(seg.text),
    );
  });
  replace(p, ...parts);
}

/** The reader's text area (#article-text): renders, repaints and finds claim highlights. */
export class Reader {
  private blocks: (Block & { el: HTMLParagraphElement })[] = [];
  /** The article version of the text shown; only claims on it are drawn. */
  private version: number | null = null;
  /** The suggestions underlined (none when they are switched off). */
  private suggestions: readonly SuggestionRange[] = [];

  constructor(readonly root: HTMLElement) {}

  /**
   * Renders the canonical text (of article version `version`, when known) with its claims,
   * replacing whatever was shown. Claims on another version are not drawn.
   */
  load(text: string, claims: readonly ClaimRange[], version: number | null = null): void {
    registerText(this.root, text);
    this.version = version;
    this.suggestions = [];
    this.blocks = blocks(text).map((b) => ({
      ...b,
      el: el('p', { 'data-start': b.start }),
    }));
    for (const b of this.blocks) renderBlock(b.el, b, claims, version, this.suggestions);
    replace(this.root, ...this.blocks.map((b) => b.el));
  }

  /** Shows a placeholder instead of an article. */
  clear(...placeholder: Node[]): void {
    registerText(this.root, '');
    this.blocks = [];
    this.version = null;
    replace(this.root, ...placeholder);
  }

  /**
   * Re-renders only the paragraphs touching [from, to) (e.g. after a claim was created there),
   * leaving the others — and the scroll position — alone.
   */
  refresh(claims: readonly ClaimRange[], from: number, to: number): void {
    for (const b of this.blocks) {
      const end = b.start + cpLength(b.text);
      if (b.start <= to && end >= from) renderBlock(b.el, b, claims, this.version, this.suggestions);
    }
  }

  /**
   * Underlines `suggestions` (replacing those underlined before), re-rendering only the
   * paragraphs whose underlines change.
   */
  suggest(claims: readonly ClaimRange[], suggestions: readonly SuggestionRange[]): void {
    const before = this.suggestions;
    this.suggestions = suggestions;
    // The underlines arrive just after the text: a passage the reviewer is already selecting
    // must stay selected when its paragraph is drawn again.
    const selected = selectionToSpan(this.root);
    const key = (list: readonly SuggestionRange[], from: number, to: number) =>
      list
        .filter((s) => s.start < to && s.end > from)
        .map((s) => `${s.index}:${s.start}-${s.end}`)
        .join(' ');
    for (const b of this.blocks) {
      const end = b.start + cpLength(b.text);
      if (key(before, b.start, end) !== key(suggestions, b.start, end)) {
        renderBlock(b.el, b, claims, this.version, suggestions);
      }
    }
    if (selected && !selectionToSpan(this.root)) selectSpan(this.root, selected);
  }

  /** The underlined segments of suggestion `index`. */
  suggestionMarks(index: number): HTMLElement[] {
    return Array.from(this.root.querySelectorAll<HTMLElement>(`[data-suggestion="${index}"]`));
  }

  marks(): HTMLElement[] {
    return Array.from(this.root.querySelectorAll<HTMLElement>('mark.claim'));
  }

  /** The highlight segments belonging to claim `id` (covering it, nested or not). */
  marksOf(id: string): HTMLElement[] {
    return this.marks().filter((m) => (m.dataset.claimIds ?? '').split(' ').includes(id));
  }

  /**
   * Sets every highlight's colour (from its innermost claim's verdict) and the selection. A
   * highlight all of whose claims are `dimmed` (left out by the filters) is drawn faintly: the
   * text and the other claims around it stay readable, and it can still be clicked. A highlight
   * whose innermost claim is not simply anchored says how it fared (`data-anchor-state`: moved,
   * changed, orphaned; `data-kept` for an orphan kept on its version).
   */
  paint(
    claims: readonly ReaderClaim[],
    selectedId: string | null,
    colourOf: ColourOf,
    dimmed: (id: string) => boolean = () => false,
  ): void {
    const byId = new Map(claims.map((c) => [c.id, c]));
    for (const mark of this.marks()) {
      const claim = byId.get(mark.dataset.claimId ?? '');
      const depth = Number(mark.dataset.depth) || 1;
      paintColour(mark, colourOf(claim ? claim.verdict : null), depth);
      const state = claim?.anchor_state;
      if (state && state !== 'anchored') mark.dataset.anchorState = state;
      else delete mark.dataset.anchorState;
      if (claim?.kept_on_version) mark.dataset.kept = 'true';
      else delete mark.dataset.kept;
      const ids = (mark.dataset.claimIds ?? '').split(' ').filter(Boolean);
      mark.classList.toggle('selected', selectedId !== null && ids.includes(selectedId));
      mark.classList.toggle('dimmed', ids.length > 0 && ids.every((id) => id !== selectedId && dimmed(id)));
    }
  }

  /** Scrolls the first highlight of claim `id` to the middle of the reader. */
  scrollTo(id: string): void {
    const first = this.marksOf(id)[0];
    if (first && typeof first.scrollIntoView === 'function') {
      first.scrollIntoView({ block: 'center' });
    }
  }
}

/**
 * Which claim a click on `mark` selects: its innermost claim, or — when that one is already
 * selected — the next enclosing claim, so that nested claims can all be reached by clicking.
 */
export function claimForClick(mark: HTMLElement, selectedId: string | null): string | null {
  const ids = (mark.dataset.claimIds ?? '').split(' ').filter(Boolean);
  if (!ids.length) return mark.dataset.claimId ?? null;
  const at = selectedId ? ids.indexOf(selectedId) : -1;
  if (at < 0) return ids[ids.length - 1];
  return ids[(at - 1 + ids.length) % ids.length];
}
