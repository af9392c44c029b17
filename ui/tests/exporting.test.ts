// The export dialog and "Import claims…": what the reviewer sees, and what reaches the host.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../src/api';
import type { ExportChoice, ImportReport } from '../src/api';
import { conflictList, importSummary, warningList } from '../src/exporting';
import { setLang } from '../src/i18n';
import { $, change, mountApp, press, stubHost } from './harness';
import { cp, flush, makeClaim } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);

const DEFAULT_CHOICE: ExportChoice = {
  statuses: ['reviewed', 'published'],
  article_id: null,
  since: null,
  until: null,
  reviewer: null,
  tag: null,
};

const REFUSAL =
  'the export refuses: claim c-1 has no statement, which ClaimReview requires (claimReviewed) — set it with `claimdesk claim set c-1 --statement TEXT`; claim c-2 is reviewed but has no verdict, which ClaimReview requires (reviewRating) — give it one with `claimdesk claim set c-2 --verdict KEY`';

const REPORT: ImportReport = {
  reviewers_created: 0,
  articles_created: 1,
  versions_added: 0,
  claims_created: 3,
  claims_updated: 1,
  claims_unchanged: 5,
  claims_skipped: 0,
  conflicts: [{ claim_id: 'c-9', kept: 'file', fields: ['verdict', 'note'] }],
};

const checkbox = (id: string) => $<HTMLInputElement>(`#${id}`);
/** Ticks or unticks a box as a click would (one change event). */
function tick(id: string, on: boolean): void {
  const box = checkbox(id);
  if (box.checked !== on) box.click();
}
/** Chooses a format as a click on its radio would. */
const chooseFormat = (format: string) => checkbox(`export-format-${format}`).click();
const waitForCount = () => new Promise((done) => setTimeout(done, 250));

async function openDialog(): Promise<void> {
  await mountApp();
  $('#export-json').click();
  await flush();
}

describe('the export dialog', () => {
  beforeEach(() => {
    stubHost(m, [
      makeClaim({ id: 'c-1', start: cp('Les impôts'), end: cp('2023') + 4, tags: ['impôts', 'budget'] }),
      makeClaim({ id: 'c-2', start: cp('12 %'), end: cp('12 %') + 4, tags: ['budget'] }),
    ]);
  });

  it('opens on what a desk hands on: claimdesk JSON, reviewed and published claims of every article', async () => {
    await openDialog();
    expect($('#export-dialog').hidden).toBe(false);
    expect($('#export-heading').textContent).toBe('Export claims');
    expect(document.activeElement).toBe(checkbox('export-format-json'));
    const formats = Array.from(document.querySelectorAll<HTMLInputElement>('input[name="export-format"]'));
    expect(formats.map((f) => f.value)).toEqual(['json', 'csv', 'claimreview', 'webannotation', 'markdown', 'html', 'checkthat']);
    expect(formats.filter((f) => f.checked).map((f) => f.value)).toEqual(['json']);
    expect($('.export-format[data-format="claimreview"]').textContent).toContain(
      'ClaimReview JSON-LDFor search engines and fact-check aggregators',
    );
    const statuses = Array.from(document.querySelectorAll<HTMLInputElement>('.export-statuses input'));
    expect(statuses.filter((s) => s.checked).map((s) => s.value)).toEqual(['reviewed', 'published']);
    expect($('.export-statuses').textContent).toContain('In review');
    expect(checkbox('export-article-all').checked).toBe(true);
    expect($('#export-article-current-label').textContent).toBe('Only “Un article”');
    expect(checkbox('export-since').value).toBe('');
    expect(checkbox('export-until').value).toBe('');
    const reviewers = Array.from($<HTMLSelectElement>('#export-reviewer').options).map((o) => o.value);
    expect(reviewers).toEqual(['', 'Camille Martin', 'Léa Petit']);
    // Tags in use across the desk, asked of the host when the dialog opens.
    expect(m.listClaims).toHaveBeenLastCalledWith(null);
    expect(Array.from($<HTMLSelectElement>('#export-tag').options).map((o) => o.value)).toEqual(['', 'budget', 'impôts']);
    // The format's own options show only while it is chosen.
    expect(checkbox('export-bom').closest<HTMLElement>('.export-option')?.hidden).toBe(true);
    expect(checkbox('export-split').closest<HTMLElement>('.export-option')?.hidden).toBe(true);
    expect($('#export-desk').hidden).toBe(true);
    expect($('#export-error').hidden).toBe(true);
  });

  it('sends every filter, and each format only its own option', async () => {
    await openDialog();
    chooseFormat('csv');
    expect(checkbox('export-bom').closest<HTMLElement>('.export-option')?.hidden).toBe(false);
    tick('export-bom', true);
    tick('export-status-draft', true);
    tick('export-status-published', false);
    checkbox('export-article-current').click();
    change(checkbox('export-since'), '2024-03-01');
    change(checkbox('export-until'), '2024-03-31');
    change($<HTMLSelectElement>('#export-reviewer'), 'Léa Petit');
    change($<HTMLSelectElement>('#export-tag'), 'budget');
    m.exportClaims.mockResolvedValue({ path: '/tmp/c.csv', claims: 2, warnings: [], split: false });
    $('#export-submit').click();
    await flush();
    expect(m.exportClaims).toHaveBeenCalledWith(
      'csv',
      { statuses: ['draft', 'reviewed'], article_id: 'art-1', since: '2024-03-01', until: '2024-03-31', reviewer: 'Léa Petit', tag: 'budget' },
      true,
      false,
    );
    expect($('#notice').textContent).toContain('Exported 2 claims to /tmp/c.csv');

    // The dialog keeps the last choices; the byte-order mark is for CSV only, the split for ClaimReview only.
    $('#export-json').click();
    expect(checkbox('export-format-csv').checked).toBe(true);
    chooseFormat('claimreview');
    tick('export-split', true);
    m.exportClaims.mockResolvedValue({ path: '/tmp/reviews', claims: 2, warnings: [], split: true });
    $('#export-submit').click();
    await flush();
    expect(m.exportClaims).toHaveBeenLastCalledWith('claimreview', expect.objectContaining({ statuses: ['draft', 'reviewed'] }), false, true);
    expect($('#notice').textContent).toContain('Exported 2 claims, one ClaimReview file each, into /tmp/reviews');
    $('#export-json').click();
    chooseFormat('markdown');
    $('#export-submit').click();
    await flush();
    expect(m.exportClaims).toHaveBeenLastCalledWith('markdown', expect.anything(), false, false);
  });

  it('shows a refusal in full inside the dialog, which stays open for a retry', async () => {
    await openDialog();
    chooseFormat('claimreview');
    m.exportClaims.mockRejectedValueOnce(REFUSAL);
    $('#export-submit').click();
    await flush();
    expect($('#export-dialog').hidden).toBe(false);
    expect($('#export-error').hidden).toBe(false);
    expect($('#export-error').getAttribute('role')).toBe('alert');
    expect($('#export-error').textContent).toBe(REFUSAL);
    expect($('#notice').hidden).toBe(true);
    expect($('#error-banner').hidden).toBe(true);
    expect($<HTMLButtonElement>('#export-submit').disabled).toBe(false);

    m.exportClaims.mockResolvedValueOnce({ path: '/tmp/r.json', claims: 1, warnings: ['claim c-1: the statement is 90 characters'], split: false });
    $('#export-submit').click();
    await flush();
    expect($('#export-dialog').hidden).toBe(true);
    expect($('#export-error').hidden).toBe(true);
    expect($('#notice .banner-text').textContent).toBe('Exported 1 claim to /tmp/r.json');
    expect(Array.from(document.querySelectorAll('#export-warnings li')).map((li) => li.textContent)).toEqual([
      'claim c-1: the statement is 90 characters',
    ]);
  });

  it('asks for a status before asking the host, and stays open when the file dialog is cancelled', async () => {
    await openDialog();
    tick('export-status-reviewed', false);
    tick('export-status-published', false);
    $('#export-submit').click();
    await flush();
    expect(m.exportClaims).not.toHaveBeenCalled();
    expect($('#export-error').textContent).toContain('Tick at least one status');
    tick('export-status-reviewed', true);
    m.exportClaims.mockResolvedValue(null);
    $('#export-submit').click();
    await flush();
    expect(m.exportClaims).toHaveBeenCalledTimes(1);
    expect($('#export-dialog').hidden).toBe(false);
    expect($('#export-error').hidden).toBe(true);
    expect($('#notice').hidden).toBe(true);
  });

  it('counts the claims the filters select as they change', async () => {
    m.countExport.mockResolvedValue(12);
    await openDialog();
    await waitForCount();
    expect(m.countExport).toHaveBeenLastCalledWith(DEFAULT_CHOICE);
    expect($('#export-count').textContent).toBe('12 claims match');
    m.countExport.mockResolvedValue(0);
    change($<HTMLSelectElement>('#export-tag'), 'impôts');
    await waitForCount();
    expect(m.countExport).toHaveBeenLastCalledWith({ ...DEFAULT_CHOICE, tag: 'impôts' });
    expect($('#export-count').textContent).toBe('No claims match');
  });

  it('offers the ClaimReview desk settings when they are missing, and saves what was typed', async () => {
    m.claimreviewSettings.mockResolvedValue([
      { key: 'desk.name', value: 'Vérif' },
      { key: 'desk.url', value: null },
      { key: 'claimreview.url_pattern', value: null },
    ]);
    await openDialog();
    chooseFormat('claimreview');
    await flush();
    const desk = $<HTMLDetailsElement>('#export-desk');
    expect(desk.hidden).toBe(false);
    expect(desk.open).toBe(true);
    expect($('#export-desk-state').textContent).toBe('Not set yet: desk.url, claimreview.url_pattern');
    expect(checkbox('export-setting-desk-name').value).toBe('Vérif');

    // A refusal for want of a setting takes the reviewer to the first one missing.
    m.exportClaims.mockRejectedValueOnce('the ClaimReview export needs the setting desk.url, which is not set');
    desk.open = false;
    $('#export-submit').click();
    await flush();
    expect(desk.open).toBe(true);
    expect(document.activeElement).toBe(checkbox('export-setting-desk-url'));

    checkbox('export-setting-desk-url').value = 'https://verif.example';
    checkbox('export-setting-claimreview-url_pattern').value = 'https://verif.example/c/{id}';
    m.setClaimreviewSetting.mockResolvedValue(undefined);
    m.claimreviewSettings.mockResolvedValue([
      { key: 'desk.name', value: 'Vérif' },
      { key: 'desk.url', value: 'https://verif.example' },
      { key: 'claimreview.url_pattern', value: 'https://verif.example/c/{id}' },
    ]);
    $('#export-desk-save').click();
    await flush();
    // Only what changed is stored.
    expect(m.setClaimreviewSetting.mock.calls).toEqual([
      ['desk.url', 'https://verif.example'],
      ['claimreview.url_pattern', 'https://verif.example/c/{id}'],
    ]);
    expect($('#export-desk-state').textContent).toBe('Saved: ClaimReview can be exported.');

    m.setClaimreviewSetting.mockRejectedValueOnce('bad value "verif" for desk.url: it must be an http:// or https:// URL without spaces');
    checkbox('export-setting-desk-url').value = 'verif';
    $('#export-desk-save').click();
    await flush();
    expect($('#export-error').textContent).toContain('it must be an http:// or https:// URL');
    expect(document.activeElement).toBe(checkbox('export-setting-desk-url'));
  });

  it('closes with Escape and Cancel, giving the focus back', async () => {
    await mountApp();
    const button = $<HTMLButtonElement>('#export-json');
    button.focus();
    button.click();
    press('Escape');
    expect($('#export-dialog').hidden).toBe(true);
    expect(document.activeElement).toBe(button);
    press('e', { ctrlKey: true }, document.body);
    expect($('#export-dialog').hidden).toBe(false);
    $('#export-cancel').click();
    expect($('#export-dialog').hidden).toBe(true);
    expect(m.exportClaims).not.toHaveBeenCalled();
  });

  it('is in French when the window is', async () => {
    await mountApp();
    $('#lang').click();
    $('#export-json').click();
    expect($('#export-json').textContent).toBe('Exporter…');
    expect($('#export-heading').textContent).toBe('Exporter des affirmations');
    expect($('.export-statuses').textContent).toContain('Vérifié');
    expect($('#export-article-current-label').textContent).toBe('Seulement «\u00a0Un article\u00a0»');
    expect($('#export-submit').textContent).toBe('Exporter…');
  });
});

describe('Import claims…', () => {
  beforeEach(() => {
    stubHost(m, []);
  });

  it('reloads the desk and reports what the import did, conflicts included', async () => {
    await mountApp();
    expect($('#import-claims').textContent).toBe('Import claims…');
    m.importClaims.mockResolvedValue(REPORT);
    $('#import-claims').click();
    await flush();
    expect(m.importClaims).toHaveBeenCalledTimes(1);
    expect(m.listArticles).toHaveBeenCalledTimes(2);
    expect(m.getArticle).toHaveBeenCalledTimes(2);
    expect($('#notice .banner-text').textContent).toBe('Claims imported: 3 new claims, 1 updated, 5 unchanged; 1 new article.');
    expect(Array.from(document.querySelectorAll('#import-conflicts li')).map((li) => li.textContent)).toEqual([
      'Claim c-9 changed on both sides (Verdict, Note): kept the newer (the file); the other values are in its history.',
    ]);
    expect($<HTMLButtonElement>('#import-claims').disabled).toBe(false);
  });

  it('does nothing when the dialog is cancelled, and shows why a file was refused', async () => {
    await mountApp();
    m.importClaims.mockResolvedValueOnce(null);
    $('#import-claims').click();
    await flush();
    expect(m.listArticles).toHaveBeenCalledTimes(1);
    expect($('#notice').hidden).toBe(true);
    m.importClaims.mockRejectedValueOnce('/tmp/x.json is not a claimdesk export (its format is "csv")');
    $('#import-claims').click();
    await flush();
    expect($('#error-banner').textContent).toContain('is not a claimdesk export');
  });
});

describe('what the notices say', () => {
  beforeEach(() => setLang('en', null));

  it('sums up an import in both languages', () => {
    const unchanged: ImportReport = { ...REPORT, articles_created: 0, claims_created: 0, claims_updated: 0, claims_unchanged: 1, conflicts: [] };
    expect(importSummary(unchanged)).toBe('Claims imported: 0 new claims, 0 updated, 1 unchanged.');
    const annotations: ImportReport = { ...unchanged, claims_unchanged: 0, claims_skipped: 2 };
    expect(importSummary(annotations)).toBe(
      'Claims imported: 0 new claims, 0 updated, 0 unchanged; 2 claims already here left as they are (a Web Annotation file holds only part of a claim).',
    );
    const more: ImportReport = { ...REPORT, articles_created: 2, versions_added: 1, reviewers_created: 1 };
    expect(importSummary(more)).toBe('Claims imported: 3 new claims, 1 updated, 5 unchanged; 2 new articles, 1 new version; 1 new reviewer.');
    expect(conflictList(unchanged)).toBeNull();
    setLang('fr', null);
    expect(importSummary(REPORT)).toBe(
      'Affirmations importées\u00a0: 3 nouvelles affirmations, 1 mise à jour, 5 inchangées\u00a0; 1 nouvel article.',
    );
    const kept = conflictList({ ...REPORT, conflicts: [{ claim_id: 'c-3', kept: 'desk', fields: ['status'] }] });
    expect(kept?.textContent).toContain('la plus récente est gardée (ce desk)');
    setLang('en', null);
  });

  it('puts host text in the notices as text, never as markup', () => {
    const list = warningList(['<img src=x onerror=alert(1)> too long']);
    expect(list?.querySelector('img')).toBeNull();
    expect(list?.querySelector('li')?.textContent).toBe('<img src=x onerror=alert(1)> too long');
    const conflicts = conflictList({ ...REPORT, conflicts: [{ claim_id: '<b>x</b>', kept: 'file', fields: ['<i>y</i>'] }] });
    expect(conflicts?.querySelector('b, i')).toBeNull();
    expect(warningList([])).toBeNull();
  });
});
