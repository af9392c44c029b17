// What the app-level tests share: small DOM helpers and a way to start the app.
import { startApp, type App } from '../src/app';
import { flush } from './fixtures';

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
