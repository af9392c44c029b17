// Reviewers: the acting reviewer's badge in the header, badges for the names on claims and
// reviews, and the chooser that asks who is reviewing (at start-up, or to switch).
import type { Reviewer } from './api';
import { el, errorMessage, replace, setText } from './dom';
import { t } from './i18n';

export const NEUTRAL_BADGE = '#7a8088';

/** Initials of a name: the first letters of its first and last words ("Léa Petit" → "LP"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '?';
  const first = Array.from(words[0]);
  const last = words.length > 1 ? Array.from(words[words.length - 1])[0] : first[1] ?? '';
  return (first[0] + last).toUpperCase();
}

/** The colour if it is a plain #rgb / #rrggbb colour (the host's, but checked: it becomes CSS). */
export function safeColour(colour: string | null | undefined, fallback = NEUTRAL_BADGE): string {
  return colour && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(colour.trim()) ? colour.trim() : fallback;
}

/** True when dark text reads better than white on `colour` (WCAG relative luminance). */
export function isLight(colour: string): boolean {
  let hex = safeColour(colour).slice(1);
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with black (L + 0.05) / 0.05 against contrast with white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05);
}

/** The reviewers the desk knows, by name; names seen on claims but unknown get a neutral badge. */
export class ReviewerDirectory {
  private byName = new Map<string, Reviewer>();

  set(reviewers: readonly Reviewer[]): void {
    this.byName = new Map(reviewers.map((r) => [r.name, r]));
  }

  add(reviewer: Reviewer): void {
    this.byName.set(reviewer.name, reviewer);
  }

  get(name: string): Reviewer | undefined {
    return this.byName.get(name);
  }

  list(): Reviewer[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** A round badge with a reviewer's initials in their colour (the name in its title). */
export function badge(name: string, known?: Reviewer | null): HTMLElement {
  const colour = safeColour(known?.colour);
  const node = el(
    'span',
    { class: isLight(colour) ? 'badge on-light' : 'badge', title: name, 'aria-hidden': 'true' },
    known?.initials?.trim() || initialsOf(name),
  );
  node.style.setProperty('--badge', colour);
  return node;
}

/** Accent- and case-insensitive form, for matching typed names. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

export interface ChooserHost {
  /** Makes `name` the acting reviewer; rejects with the host's message. */
  choose(name: string): Promise<void>;
}

/**
 * The "who is reviewing?" dialog (#reviewer-chooser): known reviewers as buttons, a field to type
 * a new name, Enter to confirm. Keyboard: the field is focused with the current name selected
 * (typing replaces it); ArrowDown/ArrowUp move between the field and the list.
 */
export class ReviewerChooser {
  readonly root: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly error: HTMLElement;
  private readonly confirm: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private readonly intro: HTMLElement;
  private reviewers: Reviewer[] = [];
  private current = '';
  /** At start-up the question must be answered: no cancel. */
  private required = false;
  /** The user typed: the list shows only the names matching. */
  private typed = false;
  private busy = false;
  private returnFocus: HTMLElement | null = null;

  constructor(private readonly host: ChooserHost) {
    this.input = el('input', {
      id: 'reviewer-name',
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'reviewer-chooser-intro',
      'aria-controls': 'reviewer-options',
    });
    this.list = el('ul', { id: 'reviewer-options', class: 'reviewer-options', 'data-i18n-aria-label': 'reviewerKnown' });
    this.error = el('p', { id: 'reviewer-error', class: 'field-error', role: 'alert', hidden: true });
    this.confirm = el('button', { id: 'reviewer-confirm', type: 'submit', class: 'primary', 'data-i18n': 'reviewerConfirm' });
    this.cancel = el('button', { id: 'reviewer-cancel', type: 'button', 'data-i18n': 'cancel' });
    this.intro = el('p', { id: 'reviewer-chooser-intro', class: 'hint' });
    const form = el(
      'form',
      { class: 'dialog chooser', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'reviewer-chooser-heading' },
      el('h2', { id: 'reviewer-chooser-heading', 'data-i18n': 'reviewerChooserHeading' }),
      this.intro,
      el('label', { for: 'reviewer-name', 'data-i18n': 'reviewerName' }),
      this.input,
      this.error,
      el('p', { class: 'hint', 'data-i18n': 'reviewerKnown' }),
      this.list,
      el('div', { class: 'dialog-buttons' }, this.cancel, this.confirm),
    );
    this.root = el('div', { id: 'reviewer-chooser', class: 'overlay', hidden: true }, form);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.pick(this.typedName());
    });
    this.cancel.addEventListener('click', () => this.dismiss());
    this.input.addEventListener('input', () => {
      this.typed = true;
      this.error.hidden = true;
      this.renderList();
    });
    this.list.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-name]');
      if (button?.dataset.name) void this.pick(button.dataset.name);
    });
    this.root.addEventListener('keydown', (event) => this.onKey(event));
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** Opens the chooser with `current` preselected; `required` hides the way out. */
  open(reviewers: readonly Reviewer[], current: string, required: boolean): void {
    this.reviewers = [...reviewers].sort((a, b) => a.name.localeCompare(b.name));
    this.current = current;
    this.required = required;
    this.typed = false;
    this.busy = false;
    const active = this.root.ownerDocument.activeElement;
    this.returnFocus = active instanceof HTMLElement && !this.root.contains(active) ? active : null;
    this.input.value = current;
    this.error.hidden = true;
    this.cancel.hidden = required;
    this.root.hidden = false;
    this.applyLang();
    this.input.focus();
    this.input.select();
  }

  /** The known reviewers changed (asked afresh while the chooser is open). */
  refresh(reviewers: readonly Reviewer[]): void {
    this.reviewers = [...reviewers].sort((a, b) => a.name.localeCompare(b.name));
    this.renderList();
  }

  /** Closes unless the question must be answered. */
  dismiss(): void {
    if (this.required || this.busy) return;
    this.close();
  }

  applyLang(): void {
    setText(this.intro, t(this.required ? 'reviewerChooserFirst' : 'reviewerChooserSwitch'));
    this.renderList();
  }

  private close(): void {
    this.root.hidden = true;
    this.returnFocus?.focus();
    this.returnFocus = null;
  }

  /** What Enter in the field chooses: a known name typed in another case or without accents is
   * that reviewer, not a new one. */
  private typedName(): string {
    const typed = this.input.value.trim();
    return this.reviewers.find((r) => fold(r.name) === fold(typed))?.name ?? typed;
  }

  private async pick(name: string): Promise<void> {
    if (this.busy) return;
    if (!name.trim()) {
      this.showError(t('reviewerNameRequired'));
      this.input.focus();
      return;
    }
    this.busy = true;
    this.confirm.disabled = true;
    try {
      await this.host.choose(name.trim());
      this.busy = false;
      this.close();
    } catch (error) {
      this.showError(errorMessage(error));
      this.input.focus();
    } finally {
      this.busy = false;
      this.confirm.disabled = false;
    }
  }

  private showError(message: string): void {
    setText(this.error, message);
    this.error.hidden = false;
  }

  private shown(): Reviewer[] {
    const query = this.typed ? fold(this.input.value) : '';
    return query ? this.reviewers.filter((r) => fold(r.name).includes(query)) : this.reviewers;
  }

  private renderList(): void {
    const shown = this.shown();
    replace(
      this.list,
      ...(shown.length
        ? shown.map((r) =>
            el(
              'li',
              null,
              el(
                'button',
                {
                  type: 'button',
                  class: r.name === this.current ? 'reviewer-option current' : 'reviewer-option',
                  'data-name': r.name,
                  'aria-current': r.name === this.current ? 'true' : null,
                },
                badge(r.name, r),
                el('span', { class: 'reviewer-option-name' }, r.name),
                r.name === this.current ? el('span', { class: 'hint' }, t('reviewerCurrent')) : null,
              ),
            ),
          )
        : [el('li', { class: 'hint' }, t(this.reviewers.length ? 'reviewerNoMatch' : 'reviewerNoneYet'))]),
    );
  }

  /** Arrow keys between the field and the list; Escape closes when it may. */
  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.dismiss();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(this.list.querySelectorAll<HTMLButtonElement>('button[data-name]'));
    const active = this.root.ownerDocument.activeElement;
    const at = buttons.indexOf(active as HTMLButtonElement);
    let next: HTMLElement | undefined;
    if (active === this.input) next = event.key === 'ArrowDown' ? buttons[0] : buttons[buttons.length - 1];
    else if (at >= 0) next = event.key === 'ArrowDown' ? buttons[at + 1] ?? this.input : at > 0 ? buttons[at - 1] : this.input;
    if (!next) return;
    event.preventDefault();
    next.focus();
  }
}
