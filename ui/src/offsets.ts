// Offsets. The host counts Unicode code points in the article's canonical text; the DOM counts
// UTF-16 code units. Everything that leaves this module towards the host is in code points.
//
// DOM contract (see highlight.ts): the reader root holds one <p data-start> per block of the
// canonical text (blocks are separated by "\n\n"), and each text segment inside a paragraph is
// an element (<span> or <mark>) with data-start = the code point offset of its first character
// in the canonical text, holding exactly that segment's text.

export interface Span {
  /** Code points, inclusive. */
  start: number;
  /** Code points, exclusive. */
  end: number;
}

const SHOW_TEXT = 0x4;
const TEXT_NODE = 3;
const DOCUMENT_POSITION_FOLLOWING = 0x4;

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
/** True when a surrogate pair starts at UTF-16 index i. */
function pairAt(text: string, i: number): boolean {
  return i + 1 < text.length && isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1));
}

/** Number of code points in `text` (a lone surrogate counts as one). */
export function cpLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += pairAt(text, i) ? 2 : 1) n++;
  return n;
}

/** UTF-16 index of code point `cp` in `text`; clamped to [0, text.length]. */
export function cpToUtf16(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += pairAt(text, i) ? 2 : 1;
  return i;
}

/**
 * Code point index of UTF-16 index `u16` in `text`; clamped to [0, cpLength(text)].
 * An index that falls between the two halves of a surrogate pair maps to the pair's start.
 */
export function utf16ToCp(text: string, u16: number): number {
  const limit = Math.min(Math.max(u16, 0), text.length);
  let i = 0;
  let n = 0;
  while (i < limit) {
    const step = pairAt(text, i) ? 2 : 1;
    if (i + step > limit) break;
    i += step;
    n++;
  }
  return n;
}

/** `text` between code points `start` (inclusive) and `end` (exclusive). */
export function sliceCp(text: string, start: number, end: number): string {
  const from = cpToUtf16(text, start);
  return text.slice(from, from + cpToUtf16(text.slice(from), Math.max(0, end - start)));
}

/** Truncates to at most `max` code points, adding an ellipsis when something was cut. */
export function truncateCp(text: string, max: number): string {
  const cut = cpToUtf16(text, max);
  return cut >= text.length ? text : `${text.slice(0, cut).trimEnd()}…`;
}

// ---------------------------------------------------------------------------------------------
// DOM mapping

const canonicalTexts = new WeakMap<Element, string>();

/** Remembers the canonical text rendered into `root` (saves rebuilding it from the DOM). */
export function registerText(root: Element, text: string): void {
  canonicalTexts.set(root, text);
}

function offsetHost(node: Node, root: Node): HTMLElement | null {
  const parent = node.parentElement;
  if (!parent) return null;
  const host = parent.closest<HTMLElement>('[data-start]');
  if (!host || !root.contains(host)) return null;
  return host;
}

/** Code point offset of the first character of text node `t`, or null if it is not mapped. */
export function textNodeStart(t: Text, root: Node): number | null {
  const host = offsetHost(t, root);
  if (!host) return null;
  const base = Number(host.dataset.start);
  if (!Number.isFinite(base)) return null;
  let cp = base;
  const walker = t.ownerDocument.createTreeWalker(host, SHOW_TEXT);
  for (let n = walker.nextNode(); n && n !== t; n = walker.nextNode()) {
    cp += cpLength((n as Text).data);
  }
  return cp;
}

interface Mapped {
  node: Text;
  start: number;
}

/** The mapped text nodes under `root`, in document order. */
function mappedTextNodes(root: Node): Mapped[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, SHOW_TEXT);
  const out: Mapped[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const start = textNodeStart(n as Text, root);
    if (start !== null) out.push({ node: n as Text, start });
  }
  return out;
}

function follows(a: Node, b: Node): boolean {
  return !!(a.compareDocumentPosition(b) & DOCUMENT_POSITION_FOLLOWING);
}

/** Is the boundary point (container, offset) at or before the start of node `n`? */
function boundaryBefore(container: Node, offset: number, n: Node): boolean {
  if (container.nodeType === TEXT_NODE) {
    // Character data: the point is before the node at its very start, after it otherwise.
    return offset === 0 ? n === container || follows(container, n) : n !== container && follows(container, n);
  }
  const children = container.childNodes;
  if (offset < children.length) {
    const ref = children[offset];
    return n === ref || follows(ref, n);
  }
  return !container.contains(n) && follows(container, n);
}

/**
 * Code point offset in the canonical text of a DOM boundary point inside `root`: inside a
 * mapped text node it is exact; anywhere else (an element, a paragraph edge, an unmapped node)
 * it is the start of the next mapped character, or the end of the text when none follows.
 */
export function pointToCp(root: Node, container: Node, offset: number): number {
  if (container.nodeType === TEXT_NODE) {
    const start = textNodeStart(container as Text, root);
    if (start !== null) return start + utf16ToCp((container as Text).data, offset);
  }
  let last: Mapped | null = null;
  for (const m of mappedTextNodes(root)) {
    if (boundaryBefore(container, offset, m.node)) return m.start;
    last = m;
  }
  return last ? last.start + cpLength(last.node.data) : 0;
}

/**
 * The DOM boundary point of code point `cp` of the canonical text shown in `root`: in the mapped
 * text node holding it (at a node's end when `atEnd`, so that a range ends where its text does).
 * Null when no mapped text node holds it.
 */
export function cpToPoint(root: Node, cp: number, atEnd = false): [Text, number] | null {
  for (const { node, start } of mappedTextNodes(root)) {
    const end = start + cpLength(node.data);
    if (cp >= start && (atEnd ? cp <= end : cp < end)) return [node, cpToUtf16(node.data, cp - start)];
  }
  return null;
}

/** Selects [span.start, span.end) of the canonical text shown in `root`; false when it cannot. */
export function selectSpan(root: Element, span: Span): boolean {
  const from = cpToPoint(root, span.start);
  const to = cpToPoint(root, span.end, true);
  const selection = root.ownerDocument.getSelection();
  if (!from || !to || !selection) return false;
  const range = root.ownerDocument.createRange();
  range.setStart(from[0], from[1]);
  range.setEnd(to[0], to[1]);
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}

/** The canonical text as far as the DOM shows it (gaps between paragraphs become newlines). */
export function textFromDom(root: Node): string {
  let out = '';
  let at = 0;
  for (const { node, start } of mappedTextNodes(root)) {
    if (start < at) continue;
    if (start > at) out += '\n'.repeat(start - at);
    out += node.data;
    at = start + cpLength(node.data);
  }
  return out;
}

function canonicalText(root: Element): string {
  return canonicalTexts.get(root) ?? textFromDom(root);
}

/**
 * Trims whitespace off both ends of [start, end) in `text`; null when nothing is left.
 */
export function trimSpan(text: string, start: number, end: number): Span | null {
  let from = cpToUtf16(text, start);
  let to = cpToUtf16(text, end);
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (from >= to) return null;
  return { start: utf16ToCp(text, from), end: utf16ToCp(text, to) };
}

/**
 * The current selection as code point offsets into the canonical text shown in `root`, with
 * leading and trailing whitespace trimmed. The parts of a selection outside `root` are clipped
 * away. Null when there is no selection, it is collapsed, it does not reach into `root`, or it
 * holds only whitespace.
 */
export function selectionToSpan(
  root: Element,
  selection: Selection | null = root.ownerDocument.getSelection(),
): Span | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (range.collapsed) return null;
  const text = canonicalText(root);
  const total = cpLength(text);

  const startSide = side(root, range.startContainer, range.startOffset);
  const endSide = side(root, range.endContainer, range.endOffset);
  if (startSide === 'after' || endSide === 'before') return null;
  const start = startSide === 'inside' ? pointToCp(root, range.startContainer, range.startOffset) : 0;
  const end = endSide === 'inside' ? pointToCp(root, range.endContainer, range.endOffset) : total;

  if (end <= start) return null;
  return trimSpan(text, Math.min(start, total), Math.min(end, total));
}

/** Where a boundary point lies relative to `root`. */
function side(root: Node, container: Node, offset: number): 'before' | 'inside' | 'after' {
  if (root.contains(container)) return 'inside';
  if (container.contains(root)) {
    // A point in an ancestor of root: compare its offset with the child that leads to root.
    let child: Node | null = root;
    while (child && child.parentNode !== container) child = child.parentNode;
    const index = child ? Array.prototype.indexOf.call(container.childNodes, child) : 0;
    return offset <= index ? 'before' : 'after';
  }
  return follows(container, root) ? 'before' : 'after';
}
