// The claim editor's record fields: statement, type, claimant role and URL, rationale, assignee,
// tags and sources.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Claim, ClaimFields } from '../src/api';
import * as api from '../src/api';
import { $, change, mountApp, stubHost, type, type PendingUpdate } from './harness';
import { startApp, type App } from '../src/app';
import { reviewerNames } from '../src/claims';
import { setLang } from '../src/i18n';
import { ARTICLE, SESSION, SUMMARIES, cp, deferred, flush, makeClaim, type Deferred } from './fixtures';

vi.mock('../src/api', async () => (await import('./apiMock')).apiMock());

const m = vi.mocked(api);


const outer = (over: Partial<Claim> = {}) =>
  makeClaim({ id: 'c-outer', start: cp('Les impôts'), end: cp('2023') + 4, verdict: 'false', ...over });
const inner = () =>
  makeClaim({ id: 'c-inner', start: cp('12 %'), end: cp('12 %') + 4, status: 'in_review', modified_by: 'Léa Petit', assignee: 'Hugo Bernard' });



function key(input: HTMLElement, k: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  input.dispatchEvent(event);
  return event;
}

async function boot(): Promise<App> {
  const app = await mountApp();
  $('#claims li[data-claim-id="c-outer"]').click();
  return app;
}

describe('claim editor record fields', () => {
  let updates: PendingUpdate[];

  beforeEach(() => {
    updates = stubHost(m, [inner(), outer()]);
  });

  it('builds the new fields in sections, keeping claimant, verdict, status and note in order', async () => {
    await boot();
    for (const id of [
      'claim-statement', 'claim-statement-count', 'claim-statement-warning', 'claim-type', 'claim-claimant-role',
      'claim-claimant-url', 'claim-rationale', 'claim-assignee', 'claim-assignee-names', 'claim-tags',
      'claim-tag-input', 'claim-evidence', 'evidence-form', 'evidence-url', 'evidence-title', 'evidence-quote',
      'evidence-stance', 'evidence-add', 'evidence-error',
    ]) {
      expect(document.getElementById(id), id).not.toBeNull();
    }
    expect($('#claim-statement').getAttribute('rows')).toBe('2');
    const order = ['claim-statement', 'claim-type', 'claim-claimant', 'claim-claimant-role', 'claim-claimant-url',
      'claim-verdict', 'claim-status', 'claim-rationale', 'claim-evidence', 'evidence-form', 'claim-assignee',
      'claim-tags', 'claim-note'];
    const all = Array.from(document.querySelectorAll('#claim-editor [id]')).map((e) => e.id);
    expect(all.filter((id) => order.includes(id))).toEqual(order);
    const headings = Array.from(document.querySelectorAll('#claim-editor .editor-section h3')).map((h) => h.textContent);
    expect(headings).toEqual(['Claim', 'Verdict', 'Workflow']);
    expect($('label[for="claim-statement"]').textContent).toBe('Statement (one sentence)');
    expect(Array.from($<HTMLSelectElement>('#claim-type').options).map((o) => [o.value, o.textContent])).toEqual([
      ['', '— type —'],
      ['quantity', 'Quantity'],
      ['prediction', 'Prediction'],
      ['correlation_causation', 'Correlation/causation'],
      ['laws_rules', 'Laws & rules'],
      ['personal_experience', 'Personal experience'],
      ['other', 'Other'],
    ]);
  });

  it('fills the fields from the claim', async () => {
    m.listClaims.mockResolvedValue([
      inner(),
      outer({
        statement: 'Taxes rose 12 % in 2023',
        type: 'quantity',
        claimant_role: 'Minister',
        claimant_url: 'https://example.org/minister',
        rationale: 'INSEE says 3 %',
        assignee: 'Hugo Bernard',
        tags: ['economy', 'taxes'],
      }),
    ]);
    await boot();
    expect($<HTMLTextAreaElement>('#claim-statement').value).toBe('Taxes rose 12 % in 2023');
    expect($('#claim-statement-count').textContent).toBe('23/75');
    expect($<HTMLSelectElement>('#claim-type').value).toBe('quantity');
    expect($<HTMLInputElement>('#claim-claimant-role').value).toBe('Minister');
    expect($<HTMLInputElement>('#claim-claimant-url').value).toBe('https://example.org/minister');
    expect($<HTMLTextAreaElement>('#claim-rationale').value).toBe('INSEE says 3 %');
    expect($<HTMLInputElement>('#claim-assignee').value).toBe('Hugo Bernard');
    expect(Array.from(document.querySelectorAll('#claim-tags .tag-text')).map((t) => t.textContent)).toEqual(['economy', 'taxes']);
    expect($('#claim-evidence').textContent).toBe('No sources yet.');
  });

  it('saves the statement and the rationale per keystroke', async () => {
    const app = await boot();
    const statement = $<HTMLTextAreaElement>('#claim-statement');
    type(statement, 'T');
    type(statement, 'Ta');
    expect(updates.map((u) => u.fields)).toEqual([{ statement: 'T' }]);
    updates[0].reply.resolve(outer({ statement: 'T' }));
    await flush();
    expect(updates[1].fields).toEqual({ statement: 'Ta' });
    updates[1].reply.resolve(outer({ statement: 'Ta' }));
    await app.panel.queue.idle();

    const rationale = $<HTMLTextAreaElement>('#claim-rationale');
    type(rationale, 'B');
    expect(updates[2].fields).toEqual({ rationale: 'B' });
    updates[2].reply.resolve(outer({ statement: 'Ta', rationale: 'B' }));
    await app.panel.queue.idle();
    type($<HTMLInputElement>('#claim-claimant-role'), 'Minister');
    expect(updates[3].fields).toEqual({ claimant_role: 'Minister' });
  });

  it('counts the statement’s characters and warns, quietly, over 75', async () => {
    await boot();
    const statement = $<HTMLTextAreaElement>('#claim-statement');
    const warning = $('#claim-statement-warning');
    type(statement, 'x'.repeat(75));
    expect($('#claim-statement-count').textContent).toBe('75/75');
    expect(warning.hidden).toBe(true);
    type(statement, `${'x'.repeat(75)}📱`);
    expect($('#claim-statement-count').textContent).toBe('76/75');
    expect(warning.hidden).toBe(false);
    expect(warning.textContent).toBe('Over 75 characters: ClaimReview readers show about one line');
    // A warning, not a refusal: the long statement is sent all the same.
    expect(updates[0].fields).toEqual({ statement: 'x'.repeat(75) });
    updates[0].reply.resolve(outer({ statement: 'x'.repeat(75) }));
    await flush();
    expect(updates[1].fields).toEqual({ statement: `${'x'.repeat(75)}📱` });
  });

  it('saves the type and the assignee on change, not per keystroke', async () => {
    const app = await boot();
    change($<HTMLSelectElement>('#claim-type'), 'prediction');
    expect(updates[0].fields).toEqual({ type: 'prediction' });
    updates[0].reply.resolve(outer({ type: 'prediction' }));
    await app.panel.queue.idle();

    const assignee = $<HTMLInputElement>('#claim-assignee');
    type(assignee, 'Hugo');
    expect(updates.length).toBe(1);
    change(assignee, ' Hugo Bernard ');
    expect(updates[1].fields).toEqual({ assignee: 'Hugo Bernard' });
    updates[1].reply.resolve(outer({ type: 'prediction', assignee: 'Hugo Bernard' }));
    await app.panel.queue.idle();

    change($<HTMLSelectElement>('#claim-type'), '');
    expect(updates[2].fields).toEqual({ type: '' });
  });

  it('offers the reviewer names seen in the article’s claims for the assignee', async () => {
    await boot();
    const names = Array.from(document.querySelectorAll<HTMLOptionElement>('#claim-assignee-names option')).map((o) => o.value);
    expect(names).toEqual(['Camille Martin', 'Hugo Bernard', 'Léa Petit']);
    expect(reviewerNames([], [' ', null, 'A'])).toEqual(['A']);
  });

  it('saves the claimant URL when the field is left, and keeps it with the host’s refusal', async () => {
    const app = await boot();
    const url = $<HTMLInputElement>('#claim-claimant-url');
    type(url, 'example');
    type(url, 'example.org/min');
    expect(updates.length).toBe(0);
    change(url, 'example.org/min');
    expect(updates[0].fields).toEqual({ claimant_url: 'example.org/min' });
    updates[0].reply.reject('claimant_url must be an http(s) URL');
    await app.panel.queue.idle();
    await flush();
    expect(url.value).toBe('example.org/min');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    expect($('#save-state').textContent).toBe('Not saved: claimant_url must be an http(s) URL');

    // A later edit elsewhere does not carry the refused URL along; the text stays on screen.
    type($<HTMLTextAreaElement>('#claim-note'), 'n');
    expect(updates[1].fields).toEqual({ note: 'n' });
    updates[1].reply.resolve(outer({ note: 'n' }));
    await app.panel.queue.idle();
    $('#claims li[data-claim-id="c-inner"]').click();
    $('#claims li[data-claim-id="c-outer"]').click();
    expect(url.value).toBe('example.org/min');
    expect(url.getAttribute('aria-invalid')).toBe('true');

    type(url, 'https://example.org/min');
    expect(url.hasAttribute('aria-invalid')).toBe(false);
    change(url, 'https://example.org/min');
    expect(updates[2].fields).toEqual({ claimant_url: 'https://example.org/min' });
    updates[2].reply.resolve(outer({ note: 'n', claimant_url: 'https://example.org/min' }));
    await app.panel.queue.idle();
    expect($('#save-state').textContent).toBe('Saved');
  });

  it('adds two tags typed quickly as two separate requests, and shows the tags returned', async () => {
    const app = await boot();
    const input = $<HTMLInputElement>('#claim-tag-input');
    input.value = 'economy';
    expect(key(input, 'Enter').defaultPrevented).toBe(true);
    expect(input.value).toBe('');
    input.value = 'taxes';
    key(input, ',');
    expect(updates.map((u) => u.fields)).toEqual([{ add_tags: ['economy'] }]);
    updates[0].reply.resolve(outer({ tags: ['economy'] }));
    await flush();
    expect(updates.map((u) => u.fields)).toEqual([{ add_tags: ['economy'] }, { add_tags: ['taxes'] }]);
    expect(Array.from(document.querySelectorAll('#claim-tags .tag-text')).map((t) => t.textContent)).toEqual(['economy']);
    updates[1].reply.resolve(outer({ tags: ['economy', 'taxes'] }));
    await app.panel.queue.idle();
    expect(Array.from(document.querySelectorAll('#claim-tags .tag-text')).map((t) => t.textContent)).toEqual(['economy', 'taxes']);
    expect(updates.length).toBe(2);

    // A pasted "a, b," adds each finished tag, one request each.
    type(input, 'budget, deficit,');
    expect(input.value).toBe('');
    updates[2].reply.resolve(outer({ tags: ['budget', 'economy', 'taxes'] }));
    await flush();
    expect(updates.slice(2).map((u) => u.fields)).toEqual([{ add_tags: ['budget'] }, { add_tags: ['deficit'] }]);
    updates[3].reply.resolve(outer({ tags: ['budget', 'deficit', 'economy', 'taxes'] }));
    await app.panel.queue.idle();
  });

  it('removes a tag with its chip’s button', async () => {
    m.listClaims.mockResolvedValue([inner(), outer({ tags: ['economy', 'taxes'] })]);
    const app = await boot();
    const remove = $<HTMLButtonElement>('#claim-tags button[data-tag="taxes"]');
    expect(remove.getAttribute('aria-label')).toBe('Remove tag “taxes”');
    remove.click();
    expect(updates[0].fields).toEqual({ remove_tags: ['taxes'] });
    expect(remove.disabled).toBe(true);
    updates[0].reply.resolve(outer({ tags: ['economy'] }));
    await app.panel.queue.idle();
    expect(Array.from(document.querySelectorAll('#claim-tags .tag-text')).map((t) => t.textContent)).toEqual(['economy']);
  });

  it('adds a source once, after the edits before it, and clears the form', async () => {
    const app = await boot();
    type($<HTMLTextAreaElement>('#claim-note'), 'n');
    type($<HTMLInputElement>('#evidence-url'), 'https://insee.fr/taxes');
    type($<HTMLInputElement>('#evidence-title'), 'Les impôts en 2023');
    type($<HTMLTextAreaElement>('#evidence-quote'), 'ont augmenté de 3 %');
    change($<HTMLSelectElement>('#evidence-stance'), 'refutes');
    const add = $<HTMLButtonElement>('#evidence-add');
    add.click();
    add.click();
    expect(add.disabled).toBe(true);
    expect(updates.map((u) => u.fields)).toEqual([{ note: 'n' }]);
    updates[0].reply.resolve(outer({ note: 'n' }));
    await flush();
    expect(updates.map((u) => u.fields)).toEqual([
      { note: 'n' },
      { add_evidence: { url: 'https://insee.fr/taxes', title: 'Les impôts en 2023', quote: 'ont augmenté de 3 %', stance: 'refutes' } },
    ]);
    updates[1].reply.resolve(
      outer({
        note: 'n',
        evidence: [
          { url: 'https://insee.fr/taxes', title: 'Les impôts en 2023', publisher: 'INSEE', accessed: '2024-03-07', quote: 'ont augmenté de 3 %', stance: 'refutes' },
        ],
      }),
    );
    await app.panel.queue.idle();
    await flush();
    expect(updates.length).toBe(2);
    expect($<HTMLInputElement>('#evidence-url').value).toBe('');
    expect($<HTMLInputElement>('#evidence-title').value).toBe('');
    expect($<HTMLTextAreaElement>('#evidence-quote').value).toBe('');
    expect($<HTMLSelectElement>('#evidence-stance').value).toBe('');
    expect(add.disabled).toBe(false);

    const item = $('#claim-evidence li.evidence-item');
    expect(item.querySelector('.evidence-source')?.textContent).toBe('Les impôts en 2023');
    expect(item.querySelector('a')).toBeNull();
    expect(item.textContent).toContain('INSEE · accessed 7 Mar 2024');
    expect(item.querySelector('blockquote')?.textContent).toBe('ont augmenté de 3 %');
    expect(item.querySelector('.stance')?.textContent).toBe('refutes');
  });

  it('keeps the form and shows the error when the host refuses a source', async () => {
    const app = await boot();
    const url = $<HTMLInputElement>('#evidence-url');
    $<HTMLButtonElement>('#evidence-add').click();
    expect(updates.length).toBe(0);
    expect($('#evidence-error').hidden).toBe(false);
    expect($('#evidence-error').textContent).toBe('A source needs its URL.');

    type(url, 'insee.fr');
    type($<HTMLInputElement>('#evidence-title'), 'INSEE');
    $<HTMLButtonElement>('#evidence-add').click();
    expect(updates[0].fields).toEqual({ add_evidence: { url: 'insee.fr', title: 'INSEE' } });
    updates[0].reply.reject('evidence url must be an http(s) URL');
    await app.panel.queue.idle();
    await flush();
    expect(url.value).toBe('insee.fr');
    expect($<HTMLInputElement>('#evidence-title').value).toBe('INSEE');
    expect($('#evidence-error').hidden).toBe(false);
    expect($('#evidence-error').textContent).toBe('Not saved: evidence url must be an http(s) URL');
    expect($<HTMLButtonElement>('#evidence-add').disabled).toBe(false);
    expect(updates.length).toBe(1);
    // Not retried behind the reviewer's back with the next edit.
    type($<HTMLTextAreaElement>('#claim-note'), 'n');
    expect(updates[1].fields).toEqual({ note: 'n' });
  });

  it('keeps an unfinished source with its claim when another claim is selected', async () => {
    await boot();
    type($<HTMLInputElement>('#evidence-url'), 'https://insee.fr');
    $('#claims li[data-claim-id="c-inner"]').click();
    expect($<HTMLInputElement>('#evidence-url').value).toBe('');
    $('#claims li[data-claim-id="c-outer"]').click();
    expect($<HTMLInputElement>('#evidence-url').value).toBe('https://insee.fr');
  });

  it('shows the labels, options and badges in French', async () => {
    m.listClaims.mockResolvedValue([
      inner(),
      outer({
        evidence: [{ url: 'https://insee.fr/x', title: null, publisher: null, accessed: '2024-03-07', quote: null, stance: 'supports' }],
        tags: ['impôts'],
      }),
    ]);
    await boot();
    $('#lang').click();
    expect($('label[for="claim-statement"]').textContent).toBe('Affirmation (une phrase)');
    expect($('label[for="claim-rationale"]').textContent).toBe('Justification');
    expect(Array.from($<HTMLSelectElement>('#claim-type').options).map((o) => o.textContent)).toEqual([
      '— type —', 'Quantité', 'Prédiction', 'Corrélation/causalité', 'Lois et règles', 'Expérience personnelle', 'Autre',
    ]);
    expect(Array.from($<HTMLSelectElement>('#evidence-stance').options).map((o) => o.textContent)).toEqual(['—', 'confirme', 'réfute']);
    const item = $('#claim-evidence li.evidence-item');
    expect(item.querySelector('.evidence-source')?.textContent).toBe('https://insee.fr/x');
    expect(item.querySelector('.stance')?.textContent).toBe('confirme');
    expect(item.textContent).toContain('consultée le 7 mars 2024');
    expect($('#claim-tags button[data-tag]').getAttribute('aria-label')).toBe('Retirer l’étiquette «\u00a0impôts\u00a0»');
    expect(Array.from(document.querySelectorAll('#claim-editor .editor-section h3')).map((h) => h.textContent)).toEqual([
      'Affirmation', 'Verdict', 'Suivi',
    ]);
    type($<HTMLTextAreaElement>('#claim-statement'), 'x'.repeat(80));
    expect($('#claim-statement-warning').textContent).toContain('Plus de 75');
  });
});
