// What the app-level tests share: small DOM helpers and a way to start the app.
import type { MockedObject } from 'vitest';
import type * as api from '../src/api';
import type { Claim, ClaimFields } from '../src/api';
import { startApp, type App } from '../src/app';
import { setLang } from '../src/i18n';
import { ARTICLE, CAMILLE, LEA, SESSION, SUMMARIES, deferred, flush, versionSummary, type Deferred } from './fixtures';

/** An updateClaim call waiting for the test to answer it. */
export interface PendingUpdate {
  id: string;
  fields: ClaimFields;
  reply: Deferred<Claim>;
}

/** Resets every host stub to an English session with ARTICLE open and `claims` on it. updateClaim
 * answers only when the test resolves or rejects a reply; the returned list records each call. */
export function stubHost(m: MockedObject<typeof api>, claims: Claim[]): PendingUpdate[] {
  localStorage.clear();
  setLang('en', null);
  localStorage.setItem('claimdesk.lang', 'en');
  const updates: PendingUpdate[] = [];
  for (const fn of Object.values(m)) (fn as { mockReset(): void }).mockReset();
  m.session.mockResolvedValue(SESSION);
  m.listArticles.mockResolvedValue(SUMMARIES.map((s) => ({ ...s })));
  m.getArticle.mockResolvedValue({ ...ARTICLE });
  m.listClaims.mockResolvedValue(claims);
  m.listVersions.mockResolvedValue([versionSummary(1)]);
  m.claimHistory.mockResolvedValue([]);
  m.listReviewers.mockResolvedValue([CAMILLE, LEA]);
  m.agreement.mockResolvedValue({ claims: 0, reviewers: [], cohen_kappa: null, krippendorff_alpha: null });
  m.countExport.mockResolvedValue(0);
  m.claimreviewSettings.mockResolvedValue([]);
  m.listSuggestions.mockResolvedValue([]);
  m.updateClaim.mockImplementation((id, fields) => {
    const reply = deferred<Claim>();
    updates.push({ id, fields, reply });
    return reply.promise;
  });
  return updates;
}

/** The element matching `sel`; a test fails loudly when it is missing. */
export const $ = <T extends HTMLElement = HTMLElement>(sel: string) => {
  const found = document.querySelector<T>(sel);
  if (!found) throw new Error(`missing ${sel}`);
  return found;
};

/** Types `value` into a field as a reviewer would (one input event). */
export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Picks or commits `value` (one change event). */
export function change(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Starts the app on a fresh #app mount and lets its first requests settle. */
export async function mountApp(): Promise<App> {
  document.body.textContent = '';
  const mount = document.createElement('div');
  mount.id = 'app';
  document.body.append(mount);
  const app = await startApp(mount);
  await flush();
  return app;
}

/** Presses a key on the focused element (or the body), as the keyboard would; returns the event. */
export function press(key: string, init: KeyboardEventInit = {}, target?: Element | null): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  (target ?? document.activeElement ?? document.body).dispatchEvent(event);
  return event;
}

/** The text of every claim item in the list, by claim id. */
export function listed(): string[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#claims li[data-claim-id]:not(.filtered-out)')).map(
    (li) => li.dataset.claimId ?? '',
  );
}

/** The highlight segments of a claim (its innermost ones). */
export function marksOf(id: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('mark.claim')).filter((mk) => mk.dataset.claimId === id);
}
