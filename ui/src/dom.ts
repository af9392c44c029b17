// A tiny element builder. Text only ever enters the DOM as text nodes or attribute values:
// there is deliberately no way to pass markup through here.

export type Child = Node | string | number | null | undefined | false;
export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | EventListener>;

/**
 * `el('button', { id: 'x', class: 'primary', onclick: handler }, 'Label')`.
 * - `class` sets className; `true` sets an empty attribute; `false`/null/undefined skip it.
 * - keys starting with "on" with a function value become event listeners.
 * - `style` and string `on*` attributes are refused (they would break under the CSP anyway).
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (typeof value === 'function') {
        if (!key.startsWith('on')) throw new Error(`el: function given for attribute ${key}`);
        node.addEventListener(key.slice(2), value);
        continue;
      }
      if (value === false || value === null || value === undefined) continue;
      const lower = key.toLowerCase();
      if (lower === 'style' || lower.startsWith('on')) {
        throw new Error(`el: refusing attribute ${key}`);
      }
      if (key === 'class') node.className = String(value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number'
        ? document.createTextNode(String(child))
        : child,
    );
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function byId<T extends HTMLElement = HTMLElement>(root: ParentNode, id: string): T {
  const found = root.querySelector<T>(`#${id}`);
  if (!found) throw new Error(`missing #${id}`);
  return found;
}

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside `root` (a dialog) while it is open: from its last control to its
 * first and back, so the keyboard never wanders to the window behind it.
 */
export function trapTab(root: HTMLElement): void {
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const controls = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (c) => !c.closest('[hidden]') && !(c as HTMLButtonElement).disabled,
    );
    if (!controls.length) return;
    const first = controls[0];
    const last = controls[controls.length - 1];
    const active = root.ownerDocument.activeElement;
    const outside = !root.contains(active);
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first.focus();
    }
  });
}

/** The message string a Tauri command rejects with (or something readable for anything else). */
export function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object') {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    try {
      return JSON.stringify(error);
    } catch {
      /* fall through */
    }
  }
  return String(error);
}
