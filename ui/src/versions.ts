// Article versions on the reader's side: what the notice says after a new version came in, the
// words that differ between a changed claim's old and new quote, and the version bar above the
// reader (#version-bar: which version is shown, who imported it, compare, import a new one).
import type { AnchorState, Claim, ImportOutcome, VersionSummary } from './api';
import { el, replace, setText } from './dom';
import { formatTimestamp, plural, t, type Key } from './i18n';
import { cpLength } from './offsets';

/** How much context (code points) the host keeps on either side of a quote. */
export const CONTEXT_CHARS = 32;

/**
 * A quote's prefix as shown: whitespace collapsed; when the host's window cut it (it is
 * CONTEXT_CHARS long), the word cut in two is dropped for a "…".
 */
export function contextBefore(prefix: string): string {
  const text = prefix.replace(/\s+/g, ' ');
  if (cpLength(prefix) < CONTEXT_CHARS) return text;
  const cut = /^\S*\s/.exec(text);
  return `…${cut && cut[0].length < text.length ? text.slice(cut[0].length) : text}`;
}

/** A quote's suffix as shown (see contextBefore). */
export function contextAfter(suffix: string): string {
  const text = suffix.replace(/\s+/g, ' ');
  if (cpLength(suffix) < CONTEXT_CHARS) return text;
  const cut = /\s\S*$/.exec(text);
  return `${cut && cut.index > 0 ? text.slice(0, cut.index) : text}…`;
}

// ---------------------------------------------------------------------------------------------
// Anchor states

/** A claim the reviewer has to look at after the article changed: a changed wording to confirm,
 * or an orphan not kept on its version. */
export function needsTriage(claim: Pick<Claim, 'anchor_state' | 'kept_on_version'>): boolean {
  return claim.anchor_state === 'changed' || (claim.anchor_state === 'orphaned' && !claim.kept_on_version);
}

/** Listed in the triage section: changed claims and orphans (kept ones included). */
export function inTriage(claim: Pick<Claim, 'anchor_state'>): boolean {
  return claim.anchor_state === 'changed' || claim.anchor_state === 'orphaned';
}

/** What needs triage among `claims`. */
export function triageCounts(claims: readonly Claim[]): { changed: number; orphaned: number; kept: number } {
  let changed = 0;
  let orphaned = 0;
  let kept = 0;
  for (const c of claims) {
    if (c.anchor_state === 'changed') changed += 1;
    else if (c.anchor_state === 'orphaned') {
      if (c.kept_on_version) kept += 1;
      else orphaned += 1;
    }
  }
  return { changed, orphaned, kept };
}

/** The state of a claim in words ("moved", "changed — to confirm", "kept on version 1"…). */
export function anchorLabel(claim: Pick<Claim, 'anchor_state' | 'kept_on_version' | 'version'>): string {
  if (claim.anchor_state === 'orphaned' && claim.kept_on_version) return t('anchorKept', { n: claim.version });
  return t(`anchor_${claim.anchor_state}` as Key);
}

export const ANCHOR_STATES: readonly AnchorState[] = ['anchored', 'moved', 'changed', 'orphaned'];

// ---------------------------------------------------------------------------------------------
// The notice after an import

type Carried = NonNullable<ImportOutcome['carried']>;

/** "1 moved, 1 changed (to confirm), 1 orphaned": the states with claims, in that order. */
export function carriedParts(carried: Carried): string[] {
  const parts: [number, Key, Key][] = [
    [carried.anchored, 'carriedAnchoredOne', 'carriedAnchoredMany'],
    [carried.moved, 'carriedMovedOne', 'carriedMovedMany'],
    [carried.changed, 'carriedChangedOne', 'carriedChangedMany'],
    [carried.orphaned, 'carriedOrphanedOne', 'carriedOrphanedMany'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
}

/**
 * What became of the claims when version `version` of an article came in: "Version 2 of “T”: 3
 * claims carried — 1 moved, 1 changed (to confirm), 1 orphaned."
 */
export function carriedSummary(version: number, title: string, carried: Carried): string {
  const count = carried.anchored + carried.moved + carried.changed + carried.orphaned;
  if (!count) return t('carriedNone', { n: version, title });
  return plural(count, 'carriedOne', 'carriedMany', { n: version, count, title, parts: carriedParts(carried).join(', ') });
}

// ---------------------------------------------------------------------------------------------
// Old and new wording of a changed claim

export interface Part {
  text: string;
  /** Not in the other wording. */
  changed: boolean;
}

const TOKEN = /\s+|[\p{L}\p{N}\p{M}]+|[^\s\p{L}\p{N}\p{M}]/gu;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function merge(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.changed === p.changed) last.text += p.text;
    else if (p.text) out.push({ ...p });
  }
  return out;
}

/** Past this many token pairs, only the common beginning and end are matched. */
const LCS_LIMIT = 250_000;

/**
 * The words of `before` and `after` each marked as kept or changed (a word diff: the longest
 * common subsequence of words, spaces and punctuation). Joining each side's parts gives it back.
 */
export function wordDiff(before: string, after: string): { before: Part[]; after: Part[] } {
  const a = tokens(before);
  const b = tokens(after);
  // The common beginning and end first: most edits touch a few words in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const keptA: boolean[] = new Array(midA.length).fill(false);
  const keptB: boolean[] = new Array(midB.length).fill(false);
  if (midA.length && midB.length && midA.length * midB.length <= LCS_LIMIT) {
    const n = midA.length;
    const m = midB.length;
    // lengths[i][j]: LCS of midA[i..] and midB[j..]
    const lengths: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i][j] = midA[i] === midB[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        keptA[i++] = true;
        keptB[j++] = true;
      } else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
      else j++;
    }
  }
  const side = (all: string[], kept: boolean[]): Part[] =>
    merge([
      { text: all.slice(0, head).join(''), changed: false },
      ...kept.map((k, i) => ({ text: all[head + i], changed: !k })),
      { text: all.slice(all.length - tail).join(''), changed: false },
    ]);
  return { before: side(a, keptA), after: side(b, keptB) };
}

/** The old and the new wording of a changed claim side by side, the differing words marked. */
export function quoteCompare(claim: Pick<Claim, 'quote' | 'previous_quote' | 'version'>): HTMLElement {
  const diff = wordDiff(claim.previous_quote ?? '', claim.quote);
  const side = (cls: string, label: string, parts: Part[], tag: 'del' | 'ins') =>
    el(
      'div',
      { class: `quote-side ${cls}` },
      el('span', { class: 'quote-label' }, label),
      el(
        'span',
        { class: 'quote-text' },
        ...parts.map((p) => (p.changed ? el(tag, { class: 'quote-diff' }, p.text) : p.text)),
      ),
    );
  return el(
    'div',
    { class: 'quote-compare' },
    side('quote-before', t('quoteBefore'), diff.before, 'del'),
    side('quote-after', t('quoteNow', { n: claim.version }), diff.after, 'ins'),
  );
}

// ---------------------------------------------------------------------------------------------
// The version bar

export interface VersionBarHost {
  /** Show version `number` of the open article. */
  choose(number: number): void;
  compare(): void;
  newVersion(): void;
}

/**
 * Above the reader: `select#version-select` (every version, the latest marked), `#version-info`
 * ("Version 1 of 2 · imported by … on …"), `#version-compare`, `#import-new-version`, and for an
 * earlier version `#version-readonly` with `#version-latest`.
 */
export class VersionBar {
  readonly root: HTMLElement;
  readonly select: HTMLSelectElement;
  private readonly info: HTMLElement;
  private readonly pick: HTMLElement;
  private readonly compareButton: HTMLButtonElement;
  private readonly newButton: HTMLButtonElement;
  readonly readOnly: HTMLElement;
  private readonly readOnlyText: HTMLElement;
  private readonly latestButton: HTMLButtonElement;
  private versions: VersionSummary[] = [];
  private shown: number | null = null;
  private latest: number | null = null;

  constructor(private readonly host: VersionBarHost) {
    this.select = el('select', { id: 'version-select', class: 'version-select' });
    this.info = el('span', { id: 'version-info', class: 'version-info' });
    this.compareButton = el('button', { id: 'version-compare', type: 'button', 'data-i18n': 'versionCompare' });
    this.newButton = el('button', {
      id: 'import-new-version',
      type: 'button',
      'data-i18n': 'importNewVersion',
      'data-i18n-title': 'importNewVersionTitle',
    });
    this.readOnlyText = el('span', { class: 'readonly-text', 'data-i18n': 'versionReadOnly' });
    this.latestButton = el('button', { id: 'version-latest', type: 'button', class: 'link', 'data-i18n': 'versionLatest' });
    this.readOnly = el(
      'p',
      { id: 'version-readonly', class: 'version-readonly', role: 'note', hidden: true },
      this.readOnlyText,
      ' ',
      this.latestButton,
    );
    this.pick = el(
      'div',
      { class: 'version-pick' },
      el('label', { for: 'version-select', class: 'version-label', 'data-i18n': 'versionSelectLabel' }),
      this.select,
    );
    this.root = el(
      'div',
      { id: 'version-bar', class: 'version-bar', hidden: true },
      this.pick,
      el('span', { class: 'version-actions' }, this.compareButton, this.newButton),
      this.info,
    );
    this.select.addEventListener('change', () => {
      const n = Number(this.select.value);
      if (Number.isFinite(n) && n !== this.shown) this.host.choose(n);
    });
    this.compareButton.addEventListener('click', () => this.host.compare());
    this.newButton.addEventListener('click', () => this.host.newVersion());
    this.latestButton.addEventListener('click', () => {
      if (this.latest !== null) this.host.choose(this.latest);
    });
  }

  /** The open article's versions (null: not known), the one shown and the latest. */
  set(versions: readonly VersionSummary[] | null, shown: number, latest: number): void {
    this.versions = versions ? [...versions].sort((a, b) => a.number - b.number) : [];
    this.shown = shown;
    this.latest = latest;
    this.root.hidden = false;
    this.render();
  }

  /** No article open. */
  clear(): void {
    this.versions = [];
    this.shown = null;
    this.latest = null;
    this.root.hidden = true;
    this.readOnly.hidden = true;
  }

  get count(): number {
    return Math.max(this.versions.length, this.latest ?? 0);
  }

  focus(): void {
    this.select.focus();
  }

  applyLang(): void {
    if (this.shown !== null) this.render();
  }

  private render(): void {
    const shown = this.shown ?? 1;
    const latest = this.latest ?? shown;
    const known = this.versions.length ? this.versions : [{ number: shown } as VersionSummary];
    replace(
      this.select,
      ...known.map((v) => {
        const date = v.imported ? formatTimestamp(v.imported) : '';
        const key: Key = v.number === latest ? 'versionOptionLatest' : 'versionOption';
        const label = date ? t(key, { n: v.number, date }) : t('versionInfoShort', { n: v.number });
        return el('option', { value: v.number }, label);
      }),
    );
    this.select.value = String(shown);
    this.select.disabled = known.length < 2;
    // One version: nothing to choose; the line says which it is.
    this.pick.hidden = known.length < 2;
    const current = this.versions.find((v) => v.number === shown);
    setText(
      this.info,
      current
        ? t('versionInfo', {
            n: shown,
            total: this.count,
            who: current.imported_by,
            date: formatTimestamp(current.imported),
          })
        : t('versionInfoShort', { n: shown }),
    );
    const comparable = this.count >= 2;
    this.compareButton.disabled = !comparable;
    this.compareButton.setAttribute('title', t(comparable ? 'versionCompareTitle' : 'versionCompareOne'));
    this.readOnly.hidden = shown >= latest;
    this.root.dataset.shown = String(shown);
    this.root.dataset.latest = String(latest);
  }
}
