// Article versions: the notice after a new version, the triage of the claims it moved, changed or
// orphaned, earlier versions shown read-only, and the version view (the diff with the claims'
// fate on it).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, Segment } from '../src/api';
import * as api from '../src/api';
import { diffClaims, diffParagraphs, wordCounts } from '../src/compare';
import { fieldLabel, historyValue } from '../src/history';
import { setLang } from '../src/i18n';
import { carriedSummary, contextAfter, contextBefore, triageCounts, wordDiff } from '../src/versions';
import { $, listed, marksOf, mountApp, press, stubHost, type } from './harness';
import { ARTICLE, SESSION, TEXT, cp, flush, makeClaim, select, versionSummary } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

/** Version 1 of ARTICLE (TEXT is version 2): a number and a percentage changed, a sentence cut. */
const V1_TEXT =
  'Le 📱 coûte 950 euros, selon le ministre.\n\nLes impôts ont augmenté de 11 % en 2023. Le gouvernement dément.\n\nFin.';

/** Code point offset of `needle` in V1_TEXT. */
const cp1 = (needle: string) => Array.from(V1_TEXT.slice(0, V1_TEXT.indexOf(needle))).length;

const V2 = { ...ARTICLE, version: 2 };
const V1 = { ...ARTICLE, version: 1, text: V1_TEXT };
const VERSIONS = [
  versionSummary(1, { imported: '2024-09-03T08:00:00Z', imported_by: 'Awa Diallo', claims: 1 }),
  versionSummary(2, { imported: '2024-09-05T10:30:00Z', imported_by: 'Camille Martin', claims: 3 }),
];

/** Carried to version 2 at another place: same words. */
const moved = () =>
  makeClaim({ id: 'c-moved', version: 2, start: cp('selon le ministre'), end: cp('selon le ministre') + 17, anchor_state: 'moved' });
/** Its passage was edited in version 2: "11 %" became "12 %". */
const changed = () =>
  makeClaim({
    id: 'c-changed',
    version: 2,
    start: cp('12 %'),
    end: cp('2023') + 4,
    anchor_state: 'changed',
    previous_quote: '11 % en 2023',
    verdict: 'false',
  });
/** Not found in version 2: its span is on version 1. */
const orphan = (over: Partial<Claim> = {}) =>
  makeClaim({
    id: 'c-orphan',
    version: 1,
    start: cp1('Le gouvernement'),
    end: cp1('dément') + 6,
    quote: 'Le gouvernement dément',
    prefix: 'augmenté de 11 % en 2023. ',
    suffix: '.\n\nFin.',
    anchor_state: 'orphaned',
    ...over,
  });
/** Untouched. */
const fin = () => makeClaim({ id: 'c-fin', version: 2, start: cp('Fin'), end: cp('Fin') + 3 });
/** Untouched, right after the emoji: its offsets differ in code points and UTF-16 units. */
const cost = () => makeClaim({ id: 'c-cost', version: 2, start: cp('coûte'), end: cp('coûte') + 5 });

/** Tells the app the selection changed, as the webview does after a drag. */
function selectionChanged(): void {
  document.dispatchEvent(new Event('selectionchange'));
}

/** The text node of the first plain segment of paragraph `n` of the reader. */
function plainText(n: number): Text {
  const p = document.querySelectorAll('#article-text p')[n];
  const seg = p.querySelector('span.seg')!;
  return seg.firstChild as Text;
}

async function bootV2(claims: Claim[] = [moved(), changed(), orphan(), fin()]) {
  stubHost(m, claims);
  m.getArticle.mockResolvedValue({ ...V2 });
  m.getVersion.mockImplementation(async (_id, n) => (n === 1 ? { ...V1 } : { ...V2 }));
  m.listVersions.mockResolvedValue(VERSIONS);
  return mountApp();
}

describe('the notice after a new version', () => {
  beforeEach(() => setLang('en', null));

  it('says what became of the claims, only naming the states that have some', () => {
    expect(carriedSummary(2, 'Un article', { anchored: 0, moved: 1, changed: 1, orphaned: 1 })).toBe(
      'Version 2 of “Un article”: 3 claims carried — 1 moved, 1 changed (to confirm), 1 orphaned.',
    );
    expect(carriedSummary(3, 'T', { anchored: 1, moved: 0, changed: 0, orphaned: 0 })).toBe(
      'Version 3 of “T”: 1 claim carried — 1 unchanged.',
    );
    expect(carriedSummary(2, 'T', { anchored: 2, moved: 0, changed: 0, orphaned: 3 })).toBe(
      'Version 2 of “T”: 5 claims carried — 2 unchanged, 3 orphaned.',
    );
    expect(carriedSummary(2, 'T', { anchored: 0, moved: 0, changed: 0, orphaned: 0 })).toBe(
      'Version 2 of “T” imported: it had no claims to carry over.',
    );
    setLang('fr', null);
    expect(carriedSummary(2, 'Un article', { anchored: 0, moved: 1, changed: 2, orphaned: 1 })).toBe(
      'Version 2 de «\u00a0Un article\u00a0»\u00a0: 4 affirmations reportées — 1 déplacée, 2 modifiées (à confirmer), 1 orpheline.',
    );
  });

  it('shows the summary from `carried` after an import, with a way to the triage', async () => {
    const app = await bootV2([fin()]);
    m.listClaims.mockResolvedValue([moved(), changed(), orphan(), fin()]);
    m.importFile.mockResolvedValueOnce({
      article: { ...V2 },
      existing: false,
      new_version: true,
      carried: { anchored: 1, moved: 1, changed: 1, orphaned: 1 },
    });
    $('#import-file').click();
    await flush();
    expect($('#notice .banner-text').textContent).toBe(
      'Version 2 of “Un article”: 4 claims carried — 1 unchanged, 1 moved, 1 changed (to confirm), 1 orphaned.',
    );
    const go = $<HTMLButtonElement>('#notice-triage');
    expect(go.textContent).toBe('Go to the triage (T)');
    go.click();
    // The first claim to triage: the orphan, then the changed wording.
    expect(app.panel.selectedId).toBe('c-orphan');
    expect(document.activeElement).toBe($('#triage li[data-claim-id="c-orphan"] .claim-button'));
  });

  it('offers no way to the triage when nothing needs it', async () => {
    await bootV2([fin()]);
    m.importText.mockResolvedValueOnce({
      article: { ...V2 },
      existing: false,
      new_version: true,
      carried: { anchored: 1, moved: 0, changed: 0, orphaned: 0 },
    });
    $('#import-paste').click();
    type($<HTMLTextAreaElement>('#paste-text'), 'Texte');
    $('#paste-submit').click();
    await flush();
    expect($('#notice .banner-text').textContent).toBe('Version 2 of “Un article”: 1 claim carried — 1 unchanged.');
    expect(document.getElementById('notice-triage')).toBeNull();
  });
});

describe('importing a new version of the open article', () => {
  beforeEach(() => setLang('en', null));

  it('passes the open article as versionOf, from the version bar, from Shift+N, and for a file', async () => {
    await bootV2([fin()]);
    m.importText.mockResolvedValue({ article: { ...V2 }, existing: false, new_version: true, carried: { anchored: 1, moved: 0, changed: 0, orphaned: 0 } });
    const checkbox = $<HTMLInputElement>('#paste-version-of');

    // A plain paste: not a version unless ticked.
    $('#import-paste').click();
    expect($('#paste-heading').textContent).toBe('Paste an article');
    expect(checkbox.checked).toBe(false);
    expect($('#paste-version-label').textContent).toBe('A new version of “Un article” (its claims are carried over)');
    expect($('#paste-file').hidden).toBe(true);
    $('#paste-cancel').click();

    $('#import-new-version').click();
    expect($('#paste-panel').hidden).toBe(false);
    expect(checkbox.checked).toBe(true);
    expect($('#paste-heading').textContent).toBe('New version of “Un article”');
    expect($('#paste-version-hint').hidden).toBe(false);
    expect($('#paste-file').hidden).toBe(false);
    expect(document.activeElement).toBe($('#paste-text'));
    // No download for a new version: the address only says where it came from.
    type($<HTMLInputElement>('#paste-url'), 'https://example.org/article');
    expect($('#paste-submit').textContent).toBe('Import');
    type($<HTMLTextAreaElement>('#paste-text'), 'Le texte modifié.');
    $('#paste-submit').click();
    await flush();
    expect(m.importUrl).not.toHaveBeenCalled();
    expect(m.importText).toHaveBeenCalledWith('Le texte modifié.', 'https://example.org/article', 'art-1');

    // Keyboard: Shift+N, then the file button.
    press('N', { shiftKey: true }, document.body);
    expect($('#paste-panel').hidden).toBe(false);
    expect(checkbox.checked).toBe(true);
    m.importFile.mockResolvedValueOnce(null);
    $('#paste-file').click();
    await flush();
    expect($('#paste-panel').hidden).toBe(true);
    expect(m.importFile).toHaveBeenCalledWith('art-1');

    // Unticking makes it a plain import again.
    $('#import-paste').click();
    expect(checkbox.checked).toBe(false);
    type($<HTMLTextAreaElement>('#paste-text'), 'Autre article.');
    $('#paste-submit').click();
    await flush();
    expect(m.importText).toHaveBeenLastCalledWith('Autre article.', null, null);
    $('#lang').click();
    press('N', { shiftKey: true }, document.body);
    expect($('#paste-heading').textContent).toBe('Nouvelle version de «\u00a0Un article\u00a0»');
  });
});

describe('triage', () => {
  beforeEach(() => setLang('en', null));

  it('lists the orphans with their context and version, and the changed claims old and new side by side', async () => {
    await bootV2();
    const triage = $('#triage');
    expect(triage.querySelector('h3')!.textContent).toBe('To triage (2)');
    const items = Array.from(triage.querySelectorAll<HTMLElement>('li[data-claim-id]'));
    // Orphans first: they lost their place; then the wordings to confirm.
    expect(items.map((li) => [li.dataset.claimId, li.dataset.anchorState])).toEqual([
      ['c-orphan', 'orphaned'],
      ['c-changed', 'changed'],
    ]);
    // The other claims are listed as usual, the moved one marked (subtly).
    expect(listed().filter((id) => !items.some((li) => li.dataset.claimId === id))).toEqual(['c-moved', 'c-fin']);
    expect($('#claims > li[data-claim-id="c-moved"] .anchor-tag').textContent).toBe('moved');
    expect($('#claims > li[data-claim-id="c-fin"]').querySelector('.anchor-tag')).toBeNull();

    const o = $('#triage li[data-claim-id="c-orphan"]');
    expect(o.dataset.version).toBe('1');
    expect(o.querySelector('.anchor-tag')!.textContent).toBe('orphaned');
    expect(o.querySelector('.version-tag')!.textContent).toBe('from version 1');
    const context = o.querySelector('.triage-context')!;
    expect(context.textContent).toBe('augmenté de 11 % en 2023. Le gouvernement dément. Fin.');
    expect(context.querySelector('mark.triage-quote')!.textContent).toBe('Le gouvernement dément');
    expect(o.querySelector<HTMLButtonElement>('.reattach')!.disabled).toBe(true);
    expect(o.querySelector('.keep')!.textContent).toBe('Keep on version 1');
    expect(o.querySelector('.confirm')).toBeNull();

    const c = $('#triage li[data-claim-id="c-changed"]');
    expect(c.querySelector('.anchor-tag')!.textContent).toBe('changed — to confirm');
    expect(c.querySelector('.quote-before')!.textContent).toBe('Before11 % en 2023');
    expect(c.querySelector('.quote-after')!.textContent).toBe('Now (version 2)12 % en 2023');
    expect(Array.from(c.querySelectorAll('del.quote-diff')).map((d) => d.textContent)).toEqual(['11']);
    expect(Array.from(c.querySelectorAll('ins.quote-diff')).map((d) => d.textContent)).toEqual(['12']);
    expect(c.querySelector('.confirm')).not.toBeNull();
    expect(c.querySelector('.reattach')).not.toBeNull();
    expect(c.querySelector('.keep')).toBeNull();

    // The changed claim is drawn (its new wording is on this version), the orphan is not.
    expect(marksOf('c-changed').map((mk) => mk.textContent).join('')).toBe('12 % en 2023');
    expect(marksOf('c-changed')[0].dataset.anchorState).toBe('changed');
    expect(document.querySelector('mark.claim[data-claim-ids~="c-orphan"]')).toBeNull();

    // What needs triage is counted in the claims column.
    const count = $('#triage-count');
    expect(count.hidden).toBe(false);
    expect(count.textContent).toBe('To triage: 1 to confirm · 1 orphaned');
    expect([count.dataset.changed, count.dataset.orphaned]).toEqual(['1', '1']);

    // The editor says where the orphan stands.
    o.querySelector<HTMLElement>('.claim-button')!.click();
    expect($('#claim-version-note').hidden).toBe(false);
    expect($('#claim-version-note').textContent).toContain('not found in version 2');
    expect($('#claim-editor .claim-context').textContent).toBe('augmenté de 11 % en 2023. Le gouvernement dément. Fin.');

    $('#lang').click();
    expect($('#triage h3').textContent).toBe('À trier (2)');
    expect($('#triage li[data-claim-id="c-orphan"] .keep').textContent).toBe('Garder sur la version 1');
    expect($('#triage-count').textContent).toBe('À trier\u00a0: 1 à confirmer · 1 orpheline');
  });

  it('re-attaches an orphan to the selection in the text, in code points (an emoji comes first)', async () => {
    const app = await bootV2();
    const reattach = () => $<HTMLButtonElement>('#triage li[data-claim-id="c-orphan"] .reattach');
    expect(reattach().disabled).toBe(true);
    expect(reattach().title).toBe('Select the passage in the article text first, then re-attach (A)');

    // "900 euros" follows "📱": 12 UTF-16 units in, but 11 code points.
    const node = plainText(0);
    const at = node.data.indexOf('900');
    expect(at).toBe(12);
    select(node, at, node, at + '900 euros'.length);
    selectionChanged();
    expect(reattach().disabled).toBe(false);
    // Pressing the button keeps the selection.
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true });
    reattach().dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);

    const placed = makeClaim({ id: 'c-orphan', version: 2, start: cp('900'), end: cp('900') + 9 });
    m.reattachClaim.mockResolvedValue(placed);
    reattach().click();
    await flush();
    expect(m.reattachClaim).toHaveBeenCalledWith('c-orphan', 11, 20);
    expect(cp('900')).toBe(11);
    // Now an anchored claim on the latest version: drawn there, listed with the others.
    expect(marksOf('c-orphan').map((mk) => mk.textContent)).toEqual(['900 euros']);
    expect($('#claims > li[data-claim-id="c-orphan"]').dataset.anchorState).toBe('anchored');
    expect(document.querySelector('#triage li[data-claim-id="c-orphan"]')).toBeNull();
    expect(app.panel.selectedId).toBe('c-orphan');
    expect(document.getSelection()!.rangeCount).toBe(0);
    expect($('#notice .banner-text').textContent).toBe('Re-attached “900 euros” to the selected passage.');
    expect($('#triage-count').textContent).toBe('To triage: 1 to confirm');
  });

  it('re-attaches the selected claim with “a”, and says what is missing otherwise', async () => {
    const app = await bootV2();
    const body = document.body;
    press('a', {}, body);
    expect($('#notice').textContent).toContain('Select a claim first');
    app.panel.select('c-orphan');
    press('a', {}, body);
    expect($('#notice').textContent).toContain('Select the passage in the article text first');
    expect(m.reattachClaim).not.toHaveBeenCalled();

    const node = plainText(1); // "Les impôts ont augmenté de "
    select(node, 4, node, 10);
    selectionChanged();
    // The floating button offers it as well.
    expect($('#make-claim').hidden).toBe(false);
    expect($('#reattach-here').hidden).toBe(false);
    m.reattachClaim.mockResolvedValue(makeClaim({ id: 'c-orphan', version: 2, start: cp('impôts'), end: cp('impôts') + 6 }));
    press('a', {}, body);
    await flush();
    expect(m.reattachClaim).toHaveBeenCalledWith('c-orphan', cp('impôts'), cp('impôts') + 6);

    app.panel.select('c-fin');
    press('a', {}, body);
    expect($('#notice').textContent).toContain('Only an orphaned claim, or one whose passage changed, is re-attached.');
  });

  it('keeps an orphan on its version: still listed, no more to triage', async () => {
    await bootV2();
    m.keepOnVersion.mockResolvedValue(orphan({ kept_on_version: true }));
    $('#triage li[data-claim-id="c-orphan"] .keep').click();
    await flush();
    expect(m.keepOnVersion).toHaveBeenCalledWith('c-orphan');
    const kept = $('#triage-kept li[data-claim-id="c-orphan"]');
    expect(kept.dataset.kept).toBe('true');
    expect(kept.dataset.anchorState).toBe('orphaned');
    expect(kept.querySelector('.anchor-tag')!.textContent).toBe('kept on version 1');
    expect(kept.querySelector('.keep')).toBeNull();
    expect(document.querySelector('#triage-list li[data-claim-id="c-orphan"]')).toBeNull();
    expect($('#triage h3').textContent).toBe('To triage (1)');
    expect($('#triage-count').textContent).toBe('To triage: 1 to confirm');
    expect($('#claim-version-note').textContent).toBe('Kept as a claim about version 1: later versions leave it there.');
    expect($('#notice .banner-text').textContent).toBe('Kept “Le gouvernement dément” as a claim about version 1.');
    expect(triageCounts([orphan({ kept_on_version: true }), changed()])).toEqual({ changed: 1, orphaned: 0, kept: 1 });
  });

  it('confirms a changed wording with the button or “c”, and shows the host’s refusal', async () => {
    const app = await bootV2();
    press('j', {}, document.body);
    press('j', {}, document.body);
    expect(app.panel.selectedId).toBe('c-changed'); // the triage comes first: the orphan, then this
    expect($('#claim-version-note').textContent).toContain('edited in version 2');
    m.confirmAnchor.mockRejectedValueOnce('claim c-changed has nothing to confirm');
    press('c', {}, document.body);
    await flush();
    expect($('#error-banner').textContent).toContain('nothing to confirm');
    expect($('#triage li[data-claim-id="c-changed"]').dataset.anchorState).toBe('changed');

    m.confirmAnchor.mockResolvedValue({ ...changed(), anchor_state: 'anchored', previous_quote: null });
    $('#triage li[data-claim-id="c-changed"] .confirm').click();
    await flush();
    expect(m.confirmAnchor).toHaveBeenLastCalledWith('c-changed');
    expect($('#claims > li[data-claim-id="c-changed"]').dataset.anchorState).toBe('anchored');
    expect(marksOf('c-changed')[0].dataset.anchorState).toBeUndefined();
    expect($('#notice .banner-text').textContent).toBe('Confirmed the new wording of “12 % en 2023”.');
    expect($('#triage-count').textContent).toBe('To triage: 1 orphaned');

    // Nothing left to confirm on it.
    press('c', {}, document.body);
    expect($('#notice').textContent).toContain('Nothing to confirm');
    expect(m.confirmAnchor).toHaveBeenCalledTimes(2);
  });

  it('goes to the triage with “t”, and says when there is none', async () => {
    const app = await bootV2();
    press('t', {}, document.body);
    expect(app.panel.selectedId).toBe('c-orphan');
    press('t', {}, document.body); // already there: stays
    expect(app.panel.selectedId).toBe('c-orphan');
    await bootV2([fin()]);
    press('t', {}, document.body);
    expect($('#notice').textContent).toContain('Nothing to triage in this article.');
    expect($('#triage-count').hidden).toBe(true);
    expect(document.getElementById('triage')).toBeNull();
  });

  it('shows the context without the words the host’s 32-code-point window cut in two', () => {
    // As the host stores them: 32 code points either side.
    expect(contextBefore('re de Choisy-le-Roi affirme que ')).toBe('…de Choisy-le-Roi affirme que ');
    expect(contextAfter(", un chiffre que l'opposition mu")).toBe(", un chiffre que l'opposition…");
    // Shorter: the text begins or ends there; nothing is cut.
    expect(contextBefore('Le 📱 coûte ')).toBe('Le 📱 coûte ');
    expect(contextAfter('.\n\nFin.')).toBe('. Fin.');
    expect(Array.from('re de Choisy-le-Roi affirme que ').length).toBe(32);
  });

  it('marks the words that differ between two wordings', () => {
    const d = wordDiff('Kalimba compte 950 millions d’utilisateurs.', 'Kalimba compte 900 millions d’utilisateurs actifs.');
    expect(d.before.map((p) => p.text).join('')).toBe('Kalimba compte 950 millions d’utilisateurs.');
    expect(d.after.map((p) => p.text).join('')).toBe('Kalimba compte 900 millions d’utilisateurs actifs.');
    expect(d.before.filter((p) => p.changed).map((p) => p.text)).toEqual(['950']);
    expect(d.after.filter((p) => p.changed).map((p) => p.text.trim())).toEqual(['900', 'actifs']);
  });
});

describe('earlier versions', () => {
  beforeEach(() => setLang('en', null));

  it('switches to an earlier version read-only, drawing the claims that refer to it', async () => {
    const app = await bootV2();
    const picker = $<HTMLSelectElement>('#version-select');
    expect(Array.from(picker.options).map((o) => o.value)).toEqual(['1', '2']);
    expect(picker.value).toBe('2');
    expect(picker.options[1].textContent).toContain('Version 2 (latest)');
    expect($('#version-info').textContent).toMatch(/^Version 2 of 2 · imported by Camille Martin on /);
    expect($('#version-readonly').hidden).toBe(true);

    picker.value = '1';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await flush();
    expect(m.getVersion).toHaveBeenCalledWith('art-1', 1);
    expect(Array.from(document.querySelectorAll('#article-text p')).map((p) => p.textContent).join('\n\n')).toBe(V1_TEXT);
    expect($('#version-info').textContent).toMatch(/^Version 1 of 2 · imported by Awa Diallo on /);
    expect($('#version-readonly').hidden).toBe(false);
    expect($('#reader').classList.contains('read-only')).toBe(true);
    // The orphan refers to version 1: drawn there, as orphaned; the claims on version 2 are not.
    expect(marksOf('c-orphan').map((mk) => mk.textContent)).toEqual(['Le gouvernement dément']);
    expect(marksOf('c-orphan')[0].dataset.anchorState).toBe('orphaned');
    expect(marksOf('c-moved')).toEqual([]);
    expect($('#claims-earlier h3').textContent).toBe('On another version');

    // No claims made here: neither the button nor the key; no re-attaching either.
    const node = plainText(0);
    select(node, 0, node, 2);
    selectionChanged();
    expect($('#make-claim').hidden).toBe(true);
    const reattach = $<HTMLButtonElement>('#triage li[data-claim-id="c-orphan"] .reattach');
    expect(reattach.disabled).toBe(true);
    expect(reattach.dataset.state).toBe('oldVersion');
    press('n', {}, document.body);
    await flush();
    expect(m.createClaim).not.toHaveBeenCalled();
    expect($('#notice').textContent).toContain('Claims are made on the latest version (version 2)');
    app.panel.select('c-orphan');
    press('a', {}, document.body);
    expect(m.reattachClaim).not.toHaveBeenCalled();
    expect($('#notice').textContent).toContain('Re-attaching is done on the latest version (version 2)');

    // Back to the latest.
    const calls = m.getArticle.mock.calls.length;
    $('#version-latest').click();
    await flush();
    expect(m.getArticle.mock.calls.length).toBe(calls + 1);
    expect($('#version-readonly').hidden).toBe(true);
    expect(picker.value).toBe('2');
    expect(marksOf('c-orphan')).toEqual([]);
    expect(app.panel.selectedId).toBe('c-orphan');
  });

  it('focuses the version picker with Shift+V', async () => {
    await bootV2();
    press('V', { shiftKey: true }, document.body);
    expect(document.activeElement).toBe($('#version-select'));
  });

  it('labels the history of a carried claim', () => {
    setLang('en', null);
    expect(['version', 'quote', 'anchor_state', 'kept_on_version'].map(fieldLabel)).toEqual([
      'Version', 'Passage', 'Anchoring', 'Kept on its version',
    ]);
    expect(historyValue('anchor_state', 'changed', SESSION).text).toBe('changed — to confirm');
    expect(historyValue('anchor_state', 'orphaned', SESSION).text).toBe('orphaned');
    expect(historyValue('kept_on_version', 'true', SESSION).text).toBe('yes');
    expect(historyValue('version', '2', SESSION).text).toBe('version 2');
    setLang('fr', null);
    expect(historyValue('anchor_state', 'moved', SESSION).text).toBe('déplacée');
    expect(historyValue('kept_on_version', 'false', SESSION).text).toBe('non');
  });
});

// --- the version view ------------------------------------------------------------------------

/** Segments from (kind, text) pieces, with their code point offsets in either text. */
function segs(pieces: [Segment['kind'], string][]): Segment[] {
  let old = 0;
  let now = 0;
  return pieces.map(([kind, text]) => {
    const seg: Segment = { kind, text, old_start: kind === 'added' ? null : old, new_start: kind === 'removed' ? null : now };
    const n = Array.from(text).length;
    if (kind !== 'added') old += n;
    if (kind !== 'removed') now += n;
    return seg;
  });
}

const DIFF = segs([
  ['kept', 'Le 📱 coûte '],
  ['removed', '950'],
  ['added', '900'],
  ['kept', ' euros, selon le ministre.\n\nLes impôts ont augmenté de '],
  ['removed', '11'],
  ['added', '12'],
  ['kept', ' % en 2023.'],
  ['removed', ' Le gouvernement dément.'],
  ['kept', '\n\nFin.'],
]);

/** One side's text from the version view's DOM: its runs, and the paragraph breaks on that side. */
function rebuilt(side: 'old' | 'new'): string {
  const skip = side === 'old' ? 'added' : 'removed';
  let out = '';
  for (const p of Array.from(document.querySelectorAll<HTMLElement>('#compare-text p'))) {
    for (const seg of Array.from(p.querySelectorAll<HTMLElement>('.diff-seg'))) {
      if (seg.dataset.kind !== skip) out += seg.textContent;
    }
    const b = p.dataset.break;
    if (b === 'kept' || b === (side === 'old' ? 'removed' : 'added')) out += '\n\n';
  }
  return out;
}

/** The text of the runs a claim covers in the version view. */
function drawnText(id: string): string {
  return Array.from(document.querySelectorAll<HTMLElement>('#compare-text .diff-seg'))
    .filter((s) => (s.dataset.claimIds ?? '').split(' ').includes(id))
    .map((s) => s.textContent)
    .join('');
}

describe('the version view', () => {
  beforeEach(() => setLang('en', null));

  it('cuts the diff into paragraphs and places claims by either side’s code points', () => {
    expect(DIFF.filter((s) => s.kind !== 'added').map((s) => s.text).join('')).toBe(V1_TEXT);
    expect(DIFF.filter((s) => s.kind !== 'removed').map((s) => s.text).join('')).toBe(TEXT);
    const claims = diffClaims([moved(), changed(), orphan(), fin(), cost()], 1, 2);
    expect(claims.map((c) => [c.id, c.side])).toEqual([
      ['c-moved', 'new'],
      ['c-changed', 'new'],
      ['c-orphan', 'old'],
      ['c-fin', 'new'],
      ['c-cost', 'new'],
    ]);
    const paragraphs = diffParagraphs(DIFF, claims);
    expect(paragraphs.map((p) => p.breakKind)).toEqual(['kept', 'kept', null]);
    const runs = paragraphs.flatMap((p) => p.runs);
    const textOf = (id: string) => runs.filter((r) => r.claims.includes(id)).map((r) => r.text).join('');
    expect(textOf('c-cost')).toBe('coûte');
    expect(textOf('c-moved')).toBe('selon le ministre');
    expect(textOf('c-changed')).toBe('12 % en 2023');
    expect(textOf('c-orphan')).toBe('Le gouvernement dément');
    expect(runs.filter((r) => r.claims.includes('c-orphan')).every((r) => r.kind === 'removed')).toBe(true);
    expect(runs.filter((r) => r.claims.includes('c-changed')).map((r) => r.kind)).toEqual(['added', 'kept']);
    expect(wordCounts(DIFF)).toEqual({ removed: 5, added: 2 });
  });

  it('opens on the previous → latest diff, marks each claim’s fate where it stands, and Escape closes it', async () => {
    await bootV2([moved(), changed(), orphan(), fin(), cost()]);
    m.compareVersions.mockResolvedValue(DIFF);
    $('#version-compare').click();
    await flush();
    expect(m.compareVersions).toHaveBeenCalledWith('art-1', 1, 2);
    const view = $('#compare-view');
    expect(view.hidden).toBe(false);
    expect(document.querySelector<HTMLElement>('.workspace')!.hidden).toBe(true);
    expect([$<HTMLSelectElement>('#compare-from').value, $<HTMLSelectElement>('#compare-to').value]).toEqual(['1', '2']);

    // Both texts come back from the view, paragraphs included.
    expect(rebuilt('old')).toBe(V1_TEXT);
    expect(rebuilt('new')).toBe(TEXT);
    expect(document.querySelectorAll('#compare-text p').length).toBe(3);
    expect(Array.from(document.querySelectorAll('#compare-text del')).map((d) => d.textContent)).toEqual([
      '950', '11', ' ', 'Le gouvernement dément', '.',
    ]);
    expect(Array.from(document.querySelectorAll('#compare-text ins')).map((d) => d.textContent)).toEqual(['900', '12']);

    // Claims at their places, with their state.
    expect(drawnText('c-cost')).toBe('coûte');
    expect(drawnText('c-moved')).toBe('selon le ministre');
    expect(drawnText('c-changed')).toBe('12 % en 2023');
    expect(drawnText('c-orphan')).toBe('Le gouvernement dément');
    expect(drawnText('c-fin')).toBe('Fin');
    const first = (id: string) => $(`#compare-text .diff-seg[data-claim-id="${id}"]`);
    expect(first('c-moved').dataset.anchorState).toBe('moved');
    expect(first('c-changed').dataset.anchorState).toBe('changed');
    expect(first('c-orphan').dataset.anchorState).toBe('orphaned');
    expect(first('c-orphan').tagName).toBe('DEL');
    expect(first('c-orphan').dataset.side).toBe('old');
    const tags = Array.from(document.querySelectorAll<HTMLElement>('#compare-text .fate-tag'));
    expect(tags.map((b) => [b.dataset.claimId, b.textContent])).toEqual([
      ['c-cost', 'unchanged'],
      ['c-moved', 'moved'],
      ['c-changed', 'changed'],
      ['c-orphan', 'orphaned'],
      ['c-fin', 'unchanged'],
    ]);
    // Each label sits right before the claim's first run.
    for (const tag of tags) expect((tag.nextElementSibling as HTMLElement).dataset.claimIds).toContain(tag.dataset.claimId);
    expect($('#compare-summary').textContent).toBe(
      '5 words removed, 2 words added · Claims drawn: 2 unchanged, 1 moved, 1 changed, 1 orphaned',
    );
    expect($('#compare-legend').textContent).toContain('removed');
    expect($('#compare-legend').textContent).toContain('claim orphaned (on the old text)');

    press('Escape', {}, view);
    expect(view.hidden).toBe(true);
    expect(document.querySelector<HTMLElement>('.workspace')!.hidden).toBe(false);
  });

  it('opens with Shift+C, compares other versions on demand, and goes back to a claim clicked', async () => {
    const app = await bootV2();
    m.listVersions.mockResolvedValue([...VERSIONS, versionSummary(3, { imported: '2024-09-07T10:00:00Z' })]);
    m.getArticle.mockResolvedValue({ ...ARTICLE, version: 3 });
    await app.openArticle('art-1');
    m.compareVersions.mockResolvedValue(DIFF);
    press('C', { shiftKey: true }, document.body);
    await flush();
    expect(m.compareVersions).toHaveBeenLastCalledWith('art-1', 2, 3);
    const from = $<HTMLSelectElement>('#compare-from');
    from.value = '3';
    from.dispatchEvent(new Event('change'));
    await flush();
    expect($('#compare-status').textContent).toBe('Choose two different versions.');
    expect(m.compareVersions).toHaveBeenCalledTimes(1);
    from.value = '1';
    from.dispatchEvent(new Event('change'));
    await flush();
    expect(m.compareVersions).toHaveBeenLastCalledWith('art-1', 1, 3);
    // From 1 to 3: the claims on version 2 are not drawn, and the view says so.
    expect($('#compare-not-drawn').textContent).toBe('3 claims refer to other versions and are not drawn here.');
    $<HTMLButtonElement>('#compare-text .fate-tag[data-claim-id="c-orphan"]').click();
    expect($('#compare-view').hidden).toBe(true);
    expect(app.panel.selectedId).toBe('c-orphan');

    m.compareVersions.mockRejectedValueOnce('version 9 of art-1 not found');
    press('C', { shiftKey: true }, document.body);
    await flush();
    expect($('#compare-status').textContent).toBe('Could not compare the versions: version 9 of art-1 not found');
    press('C', { shiftKey: true }, document.body);
    expect($('#compare-view').hidden).toBe(true);
  });

  it('says there is nothing to compare with one version', async () => {
    stubHost(m, [fin()]);
    await mountApp();
    expect($<HTMLButtonElement>('#version-compare').disabled).toBe(true);
    expect($<HTMLSelectElement>('#version-select').disabled).toBe(true);
    expect($('#version-info').textContent).toMatch(/^Version 1 of 1 · imported by Camille Martin on /);
    press('C', { shiftKey: true }, document.body);
    expect($('#compare-view').hidden).toBe(true);
    expect($('#notice').textContent).toContain('Only one version so far');
  });
});
