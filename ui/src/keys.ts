// Keyboard shortcuts: one table both drives the key handling and fills the "?" sheet, so the sheet
// always lists what the keys do.
import { el, replace, type Child } from './dom';
import { t, type Key } from './i18n';

export type Action =
  | 'next'
  | 'prev'
  | 'nextArticle'
  | 'prevArticle'
  | 'newClaim'
  | 'note'
  | 'search'
  | 'leave'
  | 'verdict'
  | 'clearVerdict'
  | 'status:draft'
  | 'status:in_review'
  | 'status:reviewed'
  | 'status:published'
  | 'status:rejected'
  | 'review'
  | 'submitReview'
  | 'reviewer'
  | 'paste'
  | 'importFile'
  | 'importFolder'
  | 'export'
  | 'dashboard'
  | 'help'
  | 'undo'
  | 'redo'
  | 'confirmAnchor'
  | 'reattach'
  | 'triage'
  | 'newVersion'
  | 'versions'
  | 'compare'
  | 'suggestions'
  | 'nextSuggestion'
  | 'acceptSuggestion'
  | 'dismissSuggestion';

export type Group =
  | 'keysGroupClaims'
  | 'keysGroupVerdict'
  | 'keysGroupReview'
  | 'keysGroupVersions'
  | 'keysGroupSuggestions'
  | 'keysGroupImport'
  | 'keysGroupViews';

export interface Shortcut {
  action: Action;
  /** Key specs: "j", "Shift+J", "Ctrl+Shift+Z", "ArrowDown", "1-9" (digit keys), "?". */
  keys: string[];
  help: Key;
  group: Group;
  /** Also while typing in a text field (otherwise a text field keeps the key). */
  inFields?: boolean;
  /** Handled where it applies (a field, a dialog), not by the window: listed in the sheet only. */
  local?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next', keys: ['j', 'ArrowDown'], help: 'keyNext', group: 'keysGroupClaims' },
  { action: 'prev', keys: ['k', 'ArrowUp'], help: 'keyPrev', group: 'keysGroupClaims' },
  { action: 'nextArticle', keys: ['Shift+J'], help: 'keyNextArticle', group: 'keysGroupClaims' },
  { action: 'prevArticle', keys: ['Shift+K'], help: 'keyPrevArticle', group: 'keysGroupClaims' },
  { action: 'newClaim', keys: ['n', 'Enter'], help: 'keyNewClaim', group: 'keysGroupClaims' },
  { action: 'note', keys: ['e'], help: 'keyNote', group: 'keysGroupClaims' },
  { action: 'search', keys: ['/'], help: 'keySearch', group: 'keysGroupClaims' },
  { action: 'leave', keys: ['Escape'], help: 'keyLeave', group: 'keysGroupClaims', inFields: true, local: true },
  { action: 'verdict', keys: ['1-9'], help: 'keyVerdict', group: 'keysGroupVerdict' },
  { action: 'clearVerdict', keys: ['0'], help: 'keyClearVerdict', group: 'keysGroupVerdict' },
  { action: 'status:draft', keys: ['d'], help: 'keyStatusDraft', group: 'keysGroupVerdict' },
  { action: 'status:in_review', keys: ['i'], help: 'keyStatusInReview', group: 'keysGroupVerdict' },
  { action: 'status:reviewed', keys: ['r'], help: 'keyStatusReviewed', group: 'keysGroupVerdict' },
  { action: 'status:published', keys: ['p'], help: 'keyStatusPublished', group: 'keysGroupVerdict' },
  { action: 'status:rejected', keys: ['x'], help: 'keyStatusRejected', group: 'keysGroupVerdict' },
  { action: 'review', keys: ['v'], help: 'keyReview', group: 'keysGroupReview' },
  { action: 'submitReview', keys: ['Ctrl+Enter'], help: 'keySubmitReview', group: 'keysGroupReview', inFields: true, local: true },
  { action: 'reviewer', keys: ['w'], help: 'keyReviewer', group: 'keysGroupReview' },
  { action: 'triage', keys: ['t'], help: 'keyTriage', group: 'keysGroupVersions' },
  { action: 'confirmAnchor', keys: ['c'], help: 'keyConfirm', group: 'keysGroupVersions' },
  { action: 'reattach', keys: ['a'], help: 'keyReattach', group: 'keysGroupVersions' },
  { action: 'versions', keys: ['Shift+V'], help: 'keyVersions', group: 'keysGroupVersions' },
  { action: 'compare', keys: ['Shift+C'], help: 'keyCompare', group: 'keysGroupVersions' },
  { action: 'newVersion', keys: ['Shift+N'], help: 'keyNewVersion', group: 'keysGroupVersions' },
  { action: 'suggestions', keys: ['s'], help: 'keySuggestions', group: 'keysGroupSuggestions' },
  { action: 'nextSuggestion', keys: ['Shift+S'], help: 'keyNextSuggestion', group: 'keysGroupSuggestions' },
  { action: 'acceptSuggestion', keys: ['Enter'], help: 'keyAcceptSuggestion', group: 'keysGroupSuggestions', local: true },
  { action: 'dismissSuggestion', keys: ['Delete'], help: 'keyDismissSuggestion', group: 'keysGroupSuggestions', local: true },
  { action: 'paste', keys: ['Ctrl+Shift+V'], help: 'keyPaste', group: 'keysGroupImport' },
  { action: 'importFile', keys: ['Ctrl+O'], help: 'keyImportFile', group: 'keysGroupImport', inFields: true },
  { action: 'importFolder', keys: ['Ctrl+Shift+O'], help: 'keyImportFolder', group: 'keysGroupImport', inFields: true },
  { action: 'export', keys: ['Ctrl+E'], help: 'keyExport', group: 'keysGroupImport', inFields: true },
  { action: 'dashboard', keys: ['g'], help: 'keyDashboard', group: 'keysGroupViews' },
  { action: 'help', keys: ['?'], help: 'keyHelp', group: 'keysGroupViews' },
  { action: 'undo', keys: ['Ctrl+Z'], help: 'keyUndo', group: 'keysGroupViews' },
  { action: 'redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], help: 'keyRedo', group: 'keysGroupViews' },
];

const GROUPS: readonly Group[] = [
  'keysGroupClaims',
  'keysGroupVerdict',
  'keysGroupReview',
  'keysGroupVersions',
  'keysGroupSuggestions',
  'keysGroupImport',
  'keysGroupViews',
];

const TEXT_INPUTS = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number', 'date', '']);

/** True for a field that edits text: there, keys type and Ctrl+Z is the field's own undo. */
export function isTextField(node: Element | null): boolean {
  if (!node) return false;
  if (node.tagName === 'TEXTAREA') return true;
  if (node.tagName === 'INPUT') return TEXT_INPUTS.has(((node as HTMLInputElement).getAttribute('type') ?? '').toLowerCase());
  return (node as HTMLElement).isContentEditable === true;
}

/** True for any form field, a select included: single-key shortcuts leave them alone. */
export function isField(node: Element | null): boolean {
  return !!node && (isTextField(node) || node.tagName === 'SELECT' || node.tagName === 'INPUT');
}

/** The digit of a digit key, by its position: AZERTY keyboards type "&é\"'(" there unshifted. */
export function digitOf(event: KeyboardEvent): number | null {
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(event.code ?? '');
  if (m) return Number(m[1]);
  return /^[0-9]$/.test(event.key) ? Number(event.key) : null;
}

/** Does `event` press the key `spec` describes? */
export function keyMatches(spec: string, event: KeyboardEvent): boolean {
  const parts = spec === '+' ? ['+'] : spec.split('+');
  const key = parts.pop() ?? '';
  const ctrl = parts.includes('Ctrl');
  const shift = parts.includes('Shift');
  const alt = parts.includes('Alt');
  if ((event.ctrlKey || event.metaKey) !== ctrl || event.altKey !== alt) return false;
  if (key === '1-9') {
    const d = digitOf(event);
    return d !== null && d >= 1;
  }
  if (/^[0-9]$/.test(key)) return digitOf(event) === Number(key);
  if (/^[a-z]$/i.test(key)) return event.key.toLowerCase() === key.toLowerCase() && event.shiftKey === shift;
  if (key.length > 1) return event.key === key && event.shiftKey === shift;
  // Punctuation ("?", "/"): where it is, and whether it needs Shift, depends on the layout.
  return event.key === key;
}

/** The shortcut `event` presses, if any; in a text field only those marked `inFields`. */
export function shortcutFor(event: KeyboardEvent, inTextField: boolean, inField: boolean): Shortcut | null {
  for (const s of SHORTCUTS) {
    if (s.local) continue;
    if ((inField || inTextField) && !s.inFields) {
      // Undo and redo: a text field has its own; a select has none, so the window's applies.
      const undoing = s.action === 'undo' || s.action === 'redo';
      if (!(undoing && !inTextField)) continue;
    }
    if (s.keys.some((k) => keyMatches(k, event))) return s;
  }
  return null;
}

/** How a key spec is shown in the sheet: each key in its own <kbd>. */
function keyLabel(spec: string): Child[] {
  if (spec === '1-9') return [el('kbd', null, '1'), '…', el('kbd', null, '9')];
  const names: Record<string, string> = {
    ArrowDown: '↓',
    ArrowUp: '↑',
    Escape: 'Esc',
    Enter: t('keyEnterName'),
    Shift: t('keyShiftName'),
  };
  const parts = spec.split('+');
  const nodes: Child[] = [];
  parts.forEach((part, i) => {
    if (i) nodes.push('+');
    nodes.push(el('kbd', null, names[part] ?? part));
  });
  return nodes;
}

/** The "?" sheet (#shortcuts): every shortcut by group, and what undo covers. */
export class ShortcutSheet {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly closeButton: HTMLButtonElement;
  private returnFocus: HTMLElement | null = null;

  constructor() {
    this.body = el('div', { class: 'shortcuts-body' });
    this.closeButton = el('button', { id: 'shortcuts-close', type: 'button', 'data-i18n': 'close' });
    this.root = el(
      'div',
      { id: 'shortcuts', class: 'overlay', hidden: true },
      el(
        'div',
        { class: 'dialog shortcuts', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'shortcuts-heading' },
        // Close at the top: focused on opening, it keeps the sheet scrolled to its start.
        el('div', { class: 'dialog-head' }, el('h2', { id: 'shortcuts-heading', 'data-i18n': 'keysHeading' }), this.closeButton),
        this.body,
      ),
    );
    this.closeButton.addEventListener('click', () => this.close());
    this.root.addEventListener('click', (event) => {
      if (event.target === this.root) this.close();
    });
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  open(): void {
    const active = this.root.ownerDocument.activeElement;
    this.returnFocus = active instanceof HTMLElement && !this.root.contains(active) ? active : null;
    this.render();
    this.root.hidden = false;
    this.closeButton.focus();
  }

  close(): void {
    this.root.hidden = true;
    this.returnFocus?.focus();
    this.returnFocus = null;
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  applyLang(): void {
    if (this.isOpen) this.render();
  }

  private render(): void {
    replace(
      this.body,
      el('p', { class: 'hint' }, t('keysIntro')),
      ...GROUPS.map((group) =>
        el(
          'section',
          { class: 'shortcut-group', 'data-group': group },
          el('h3', null, t(group)),
          el(
            'table',
            { class: 'shortcut-table' },
            el(
              'tbody',
              null,
              ...SHORTCUTS.filter((s) => s.group === group).map((s) =>
                el(
                  'tr',
                  { 'data-action': s.action },
                  el('td', { class: 'shortcut-keys' }, ...s.keys.flatMap((k, i): Child[] => (i ? [' / ', ...keyLabel(k)] : keyLabel(k)))),
                  el('td', { class: 'shortcut-help' }, t(s.help)),
                ),
              ),
            ),
          ),
        ),
      ),
      el('p', { id: 'shortcuts-undo-note', class: 'hint' }, t('keysUndoNote')),
    );
  }
}
