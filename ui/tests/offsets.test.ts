import { select } from './fixtures';
import { beforeEach, describe, expect, it } from 'vitest';
import { Reader } from '../src/highlight';
import {
  cpLength,
  cpToUtf16,
  pointToCp,
  selectionToSpan,
  sliceCp,
  textFromDom,
  trimSpan,
  truncateCp,
  utf16ToCp,
} from '../src/offsets';

describe('code point ↔ UTF-16 conversions', () => {
  const text = 'a📱b😀c'; // a, U+1F4F1 (2 units), b, U+1F600 (2 units), c

  it('counts code points', () => {
    expect(text.length).toBe(7);
    expect(cpLength(text)).toBe(5);
    expect(cpLength('')).toBe(0);
    expect(cpLength('plain')).toBe(5);
    expect(cpLength('é')).toBe(1); // precomposed, BMP
    expect(cpLength('e\u0301')).toBe(2); // combining accent: two code points
  });

  it('maps code points to UTF-16 indexes', () => {
    expect([0, 1, 2, 3, 4, 5].map((cp) => cpToUtf16(text, cp))).toEqual([0, 1, 3, 4, 6, 7]);
    expect(cpToUtf16(text, 99)).toBe(7);
    expect(cpToUtf16(text, -3)).toBe(0);
  });

  it('maps UTF-16 indexes to code points', () => {
    expect([0, 1, 3, 4, 6, 7].map((u) => utf16ToCp(text, u))).toEqual([0, 1, 2, 3, 4, 5]);
    // Between the halves of a surrogate pair: the pair's start.
    expect(utf16ToCp(text, 2)).toBe(1);
    expect(utf16ToCp(text, 5)).toBe(3);
    expect(utf16ToCp(text, 100)).toBe(5);
    expect(utf16ToCp(text, -1)).toBe(0);
  });

  it('round-trips every code point boundary', () => {
    const s = '𝔘𝔫𝔦 café 📱📱 "quotes" 中文 \u{10FFFF}!';
    for (let cp = 0; cp <= cpLength(s); cp++) expect(utf16ToCp(s, cpToUtf16(s, cp))).toBe(cp);
  });

  it('treats a lone surrogate as one code point', () => {
    const lone = 'a\ud83db';
    expect(cpLength(lone)).toBe(3);
    expect(cpToUtf16(lone, 2)).toBe(2);
  });

  it('slices and truncates by code points', () => {
    expect(sliceCp(text, 1, 3)).toBe('📱b');
    expect(sliceCp(text, 3, 5)).toBe('😀c');
    expect(truncateCp('📱📱📱📱', 2)).toBe('📱📱…');
    expect(truncateCp('short', 10)).toBe('short');
  });

  it('trims whitespace in code points', () => {
    const s = '📱  hello 📱 \n\n';
    expect(trimSpan(s, 1, cpLength(s))).toEqual({ start: 3, end: 10 });
    expect(sliceCp(s, 3, 10)).toBe('hello 📱');
    expect(trimSpan(s, 1, 3)).toBeNull();
  });
});

// --- DOM mapping ------------------------------------------------------------------------------

const TEXT = 'Intro 📱 the phone costs 10€.\n\nSecond 🇫🇷 paragraph says taxes rose.\n\nThird one.';


/** The text node holding the canonical code point `cp`, and the UTF-16 offset of `cp` in it. */
function at(root: HTMLElement, cp: number): [Text, number] {
  for (const seg of Array.from(root.querySelectorAll<HTMLElement>('p > [data-start]'))) {
    const start = Number(seg.dataset.start);
    const data = (seg.firstChild as Text).data;
    if (cp >= start && cp <= start + cpLength(data)) return [seg.firstChild as Text, cpToUtf16(data, cp - start)];
  }
  throw new Error(`no text at ${cp}`);
}

/** Code point offset of the first occurrence of `needle` in the canonical text. */
function cpOf(needle: string, from = 0): number {
  return utf16ToCp(TEXT, TEXT.indexOf(needle, cpToUtf16(TEXT, from)));
}

describe('selectionToSpan', () => {
  let root: HTMLElement;
  let outside: HTMLElement;
  let reader: Reader;

  beforeEach(() => {
    document.body.textContent = '';
    outside = document.createElement('h1');
    outside.textContent = 'Title outside';
    root = document.createElement('div');
    root.id = 'article-text';
    const after = document.createElement('aside');
    after.textContent = 'claims column';
    document.body.append(outside, root, after);
    reader = new Reader(root);
    const taxes = cpOf('taxes rose');
    reader.load(TEXT, [
      { id: 'outer', start: cpOf('Second'), end: cpOf('rose') + 4 },
      { id: 'inner', start: taxes, end: taxes + 5 },
    ]);
    document.getSelection()!.removeAllRanges();
  });

  it('renders one <p> per block with code point data-start', () => {
    const ps = Array.from(root.querySelectorAll('p'));
    expect(ps.map((p) => p.dataset.start)).toEqual(['0', String(cpOf('Second')), String(cpOf('Third'))]);
    expect(textFromDom(root)).toBe(TEXT);
  });

  it('maps a selection after a non-BMP emoji to code points', () => {
    const start = cpOf('phone');
    expect(start).toBe(TEXT.indexOf('phone') - 1); // one surrogate pair before it
    select(...at(root, start), ...at(root, start + 5));
    const span = selectionToSpan(root)!;
    expect(span).toEqual({ start, end: start + 5 });
    expect(sliceCp(TEXT, span.start, span.end)).toBe('phone');
  });

  it('maps a selection including the emoji itself', () => {
    const start = cpOf('📱');
    select(...at(root, start), ...at(root, start + 1));
    const span = selectionToSpan(root)!;
    expect(span.end - span.start).toBe(1);
    expect(sliceCp(TEXT, span.start, span.end)).toBe('📱');
  });

  it('maps a selection spanning two paragraphs', () => {
    const start = cpOf('costs');
    const end = cpOf('paragraph');
    select(...at(root, start), ...at(root, end));
    const span = selectionToSpan(root)!;
    expect(span).toEqual({ start, end: end - 1 }); // the trailing space is trimmed
    expect(sliceCp(TEXT, span.start, span.end)).toBe('costs 10€.\n\nSecond 🇫🇷');
  });

  it('maps a selection inside a nested highlight', () => {
    const marks = Array.from(root.querySelectorAll<HTMLElement>('mark.claim'));
    const inner = marks.find((m) => m.dataset.claimId === 'inner')!;
    expect(inner.dataset.claimIds).toBe('outer inner');
    const text = inner.firstChild as Text;
    select(text, 1, text, 4); // "axe"
    const span = selectionToSpan(root)!;
    expect(sliceCp(TEXT, span.start, span.end)).toBe('axe');
    expect(span.start).toBe(cpOf('taxes') + 1);
  });

  it('maps a selection from one highlight into plain text', () => {
    const start = cpOf('says');
    const end = cpOf('rose') + 4;
    select(...at(root, start), ...at(root, end));
    expect(selectionToSpan(root)).toEqual({ start, end });
  });

  it('handles endpoints on element nodes and trims the paragraph gap', () => {
    const ps = root.querySelectorAll('p');
    // From the start of paragraph 2 to the start of paragraph 3 (a triple-click).
    select(ps[1], 0, ps[2], 0);
    const span = selectionToSpan(root)!;
    expect(sliceCp(TEXT, span.start, span.end)).toBe('Second 🇫🇷 paragraph says taxes rose.');
    // From the end of paragraph 1 (after its last child) to the end of paragraph 2.
    select(ps[0], ps[0].childNodes.length, ps[1], ps[1].childNodes.length);
    const span2 = selectionToSpan(root)!;
    expect(sliceCp(TEXT, span2.start, span2.end)).toBe('Second 🇫🇷 paragraph says taxes rose.');
    // The whole root.
    select(root, 0, root, root.childNodes.length);
    expect(selectionToSpan(root)).toEqual({ start: 0, end: cpLength(TEXT) });
  });

  it('clips a selection that starts before the reader', () => {
    select(outside.firstChild!, 3, ...at(root, cpOf('Intro') + 5));
    expect(selectionToSpan(root)).toEqual({ start: 0, end: 5 });
  });

  it('returns null for collapsed, whitespace-only and outside selections', () => {
    expect(selectionToSpan(root)).toBeNull();
    const [node, offset] = at(root, cpOf('phone'));
    select(node, offset, node, offset);
    expect(selectionToSpan(root)).toBeNull();
    select(...at(root, cpOf('costs') - 1), ...at(root, cpOf('costs')));
    expect(selectionToSpan(root)).toBeNull(); // a single space
    select(outside.firstChild!, 0, outside.firstChild!, 5);
    expect(selectionToSpan(root)).toBeNull();
    const aside = document.querySelector('aside')!;
    select(aside.firstChild!, 0, aside.firstChild!, 6);
    expect(selectionToSpan(root)).toBeNull();
  });

  it('works on a hand-built DOM without a registered text', () => {
    const other = document.createElement('div');
    const p1 = document.createElement('p');
    p1.dataset.start = '0';
    const s1 = document.createElement('span');
    s1.dataset.start = '0';
    s1.textContent = '😀 ab';
    p1.append(s1);
    const p2 = document.createElement('p');
    p2.dataset.start = '6';
    const m = document.createElement('mark');
    m.dataset.start = '6';
    m.textContent = 'cd';
    const s2 = document.createElement('span');
    s2.dataset.start = '8';
    s2.textContent = ' ef';
    p2.append(m, s2);
    other.append(p1, p2);
    document.body.append(other);
    expect(textFromDom(other)).toBe('😀 ab\n\ncd ef');
    expect(pointToCp(other, s2.firstChild!, 2)).toBe(10);
    expect(pointToCp(other, p2, 1)).toBe(8);
    expect(pointToCp(other, p2, 2)).toBe(11);
    select(s1.firstChild!, 3, s2.firstChild!, 2);
    expect(selectionToSpan(other)).toEqual({ start: 2, end: 10 });
  });
});
