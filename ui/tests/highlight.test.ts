import { beforeEach, describe, expect, it } from 'vitest';
import { blocks, claimForClick, depthAlpha, onVersion, Reader, segments, tint } from '../src/highlight';

const ids = (segs: ReturnType<typeof segments>) => segs.map((s) => [s.start, s.end, s.ids.join('+') || '-']);

describe('segments', () => {
  it('returns the whole text as one plain segment without claims', () => {
    expect(segments('hello', [])).toEqual([{ start: 0, end: 5, text: 'hello', ids: [], innermost: null, suggestion: null }]);
    expect(segments('', [{ id: 'a', start: 0, end: 3 }])).toEqual([]);
  });

  it('splits at claim boundaries', () => {
    const segs = segments('0123456789', [{ id: 'a', start: 2, end: 5 }]);
    expect(ids(segs)).toEqual([
      [0, 2, '-'],
      [2, 5, 'a'],
      [5, 10, '-'],
    ]);
    expect(segs[1].text).toBe('234');
    expect(segs[1].innermost).toBe('a');
  });

  it('handles overlapping claims', () => {
    const segs = segments('0123456789', [
      { id: 'a', start: 1, end: 6 },
      { id: 'b', start: 4, end: 9 },
    ]);
    expect(ids(segs)).toEqual([
      [0, 1, '-'],
      [1, 4, 'a'],
      [4, 6, 'a+b'],
      [6, 9, 'b'],
      [9, 10, '-'],
    ]);
    // Equal lengths: the later one counts as inner.
    expect(segs[2].innermost).toBe('b');
  });

  it('handles nested claims: innermost is the shortest covering claim', () => {
    const segs = segments('0123456789', [
      { id: 'inner', start: 3, end: 5 },
      { id: 'outer', start: 0, end: 10 },
      { id: 'middle', start: 2, end: 7 },
    ]);
    expect(ids(segs)).toEqual([
      [0, 2, 'outer'],
      [2, 3, 'outer+middle'],
      [3, 5, 'outer+middle+inner'],
      [5, 7, 'outer+middle'],
      [7, 10, 'outer'],
    ]);
    expect(segs.map((s) => s.innermost)).toEqual(['outer', 'middle', 'inner', 'middle', 'outer']);
  });

  it('handles identical and adjacent claims, and ignores empty ones', () => {
    const segs = segments('abcdef', [
      { id: 'x', start: 0, end: 3 },
      { id: 'y', start: 3, end: 6 },
      { id: 'z', start: 3, end: 6 },
      { id: 'empty', start: 2, end: 2 },
    ]);
    expect(ids(segs)).toEqual([
      [0, 3, 'x'],
      [3, 6, 'y+z'],
    ]);
  });

  it('works in code points with a base offset and clips claims to the block', () => {
    // Block "📱 ab" starts at canonical code point 10; claim runs from before it into it.
    const segs = segments('📱 ab', [{ id: 'c', start: 5, end: 12 }, { id: 'd', start: 13, end: 40 }], 10);
    expect(ids(segs)).toEqual([
      [10, 12, 'c'],
      [12, 13, '-'],
      [13, 14, 'd'],
    ]);
    expect(segs.map((s) => s.text)).toEqual(['📱 ', 'a', 'b']);
  });
});

describe('versions', () => {
  const claims = [
    { id: 'now', version: 2, start: 0, end: 3 },
    { id: 'before', version: 1, start: 2, end: 6 },
    { id: 'legacy', start: 8, end: 10 },
  ];

  it('draws only the claims on the version of the text', () => {
    expect(ids(segments('0123456789', claims, 0, 2))).toEqual([
      [0, 3, 'now'],
      [3, 8, '-'],
      [8, 10, 'legacy'],
    ]);
    expect(ids(segments('0123456789', claims, 0, 1))).toEqual([
      [0, 2, '-'],
      [2, 6, 'before'],
      [6, 8, '-'],
      [8, 10, 'legacy'],
    ]);
    // Version unknown: everything is drawn, as before versions existed.
    expect(ids(segments('0123456789', claims)).map((x) => x[2])).toEqual(['now', 'before+now', 'before', '-', 'legacy']);
  });

  it('tells which claims refer to the text shown', () => {
    expect(onVersion({ version: 2 }, 2)).toBe(true);
    expect(onVersion({ version: 1 }, 2)).toBe(false);
    expect(onVersion({ version: 1 }, null)).toBe(true);
    expect(onVersion({}, 2)).toBe(true);
  });

  it('keeps claims of other versions off the reader, also when refreshing', () => {
    document.body.textContent = '';
    const root = document.createElement('div');
    document.body.append(root);
    const reader = new Reader(root);
    reader.load('One two three.\n\nFour five.', [
      { id: 'now', version: 3, start: 0, end: 3 },
      { id: 'old', version: 2, start: 4, end: 7 },
    ], 3);
    expect(reader.marks().map((m) => m.dataset.claimIds)).toEqual(['now']);
    reader.refresh(
      [
        { id: 'now', version: 3, start: 0, end: 3 },
        { id: 'old', version: 2, start: 4, end: 7 },
        { id: 'old2', version: 1, start: 16, end: 20 },
        { id: 'new', version: 3, start: 21, end: 25 },
      ],
      0,
      25,
    );
    expect(reader.marks().map((m) => m.dataset.claimIds)).toEqual(['now', 'new']);
    expect(reader.marksOf('old')).toEqual([]);
  });
});

describe('blocks', () => {
  it('splits the canonical text on blank lines with code point offsets', () => {
    expect(blocks('📱a\n\nb\nc\n\nd')).toEqual([
      { start: 0, text: '📱a' },
      { start: 4, text: 'b\nc' },
      { start: 9, text: 'd' },
    ]);
  });
});

describe('colours', () => {
  it('tints hex colours and deepens with nesting', () => {
    expect(tint('#ff8000', 0.25)).toBe('rgba(255, 128, 0, 0.25)');
    expect(tint('#f80', 0.5)).toBe('rgba(255, 136, 0, 0.5)');
    expect(tint('rgb(1, 2, 3)', 0.2)).toBe('rgba(1, 2, 3, 0.2)');
    expect(tint('teal', 0.3)).toBe('color-mix(in srgb, teal 30%, transparent)');
    expect(depthAlpha(2)).toBeGreaterThan(depthAlpha(1));
    expect(depthAlpha(3)).toBeGreaterThan(depthAlpha(2));
    expect(depthAlpha(50)).toBeLessThan(0.7);
  });
});

describe('Reader', () => {
  let root: HTMLElement;
  let reader: Reader;
  const text = 'One two three.\n\nFour 📱 five six.';
  const claims = [
    { id: 'a', start: 4, end: 13, verdict: 'false' },
    { id: 'b', start: 8, end: 13, verdict: null },
  ];
  const colourOf = (v: string | null) => (v === 'false' ? '#cc0000' : null);

  beforeEach(() => {
    document.body.textContent = '';
    root = document.createElement('div');
    document.body.append(root);
    reader = new Reader(root);
    reader.load(text, claims);
  });

  it('renders marks with claim ids, depth and data-start', () => {
    const marks = reader.marks();
    expect(marks.map((m) => [m.textContent, m.dataset.claimId, m.dataset.claimIds, m.dataset.depth, m.dataset.start])).toEqual([
      ['two ', 'a', 'a', '1', '4'],
      ['three', 'b', 'a b', '2', '8'],
    ]);
    expect(root.querySelectorAll('p').length).toBe(2);
    expect(root.querySelectorAll('p')[1].querySelector('span')?.dataset.start).toBe('16');
  });

  it('paints colours from the innermost claim and outlines the selected claim', () => {
    reader.paint(claims, 'a', colourOf);
    const [m1, m2] = reader.marks();
    expect(m1.style.getPropertyValue('--claim-bg')).toBe(`rgba(204, 0, 0, ${Math.round(depthAlpha(1) * 100) / 100})`);
    expect(m1.style.getPropertyValue('--claim-edge')).toBe('#cc0000');
    expect(m2.style.getPropertyValue('--claim-edge')).toBe('#7a8088'); // b has no verdict
    expect(m1.classList.contains('selected')).toBe(true);
    expect(m2.classList.contains('selected')).toBe(true); // part of a as well
    reader.paint(claims, 'b', colourOf);
    expect(m1.classList.contains('selected')).toBe(false);
    expect(m2.classList.contains('selected')).toBe(true);
  });

  it('re-renders only the paragraphs a new claim touches', () => {
    const [p1, p2] = Array.from(root.querySelectorAll('p'));
    const before = p1.firstChild;
    reader.refresh([...claims, { id: 'c', start: 23, end: 27, verdict: null }], 23, 27);
    expect(p1.firstChild).toBe(before);
    expect(root.querySelectorAll('p')[1]).toBe(p2);
    expect(reader.marksOf('c').map((m) => m.textContent)).toEqual(['five']);
  });

  it('cycles outwards when a nested highlight is clicked again', () => {
    const inner = reader.marks()[1];
    expect(claimForClick(inner, null)).toBe('b');
    expect(claimForClick(inner, 'b')).toBe('a');
    expect(claimForClick(inner, 'a')).toBe('b');
    expect(claimForClick(inner, 'unrelated')).toBe('b');
  });
});
