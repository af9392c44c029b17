// Undo/redo of the acting reviewer's own changes to claims in this session. Each step holds the
// fields before and after; undoing sends the "before" fields to the host as a new change (the
// history stays append-only), redoing sends the "after" ones.
import type { ClaimFields } from './api';

export interface UndoStep {
  claimId: string;
  articleId: string;
  before: ClaimFields;
  after: ClaimFields;
}

/**
 * Keystrokes in one field are one step: a change recorded with the same `run` as the last step
 * (same claim, same field, focus not left meanwhile) extends it instead of adding one.
 */
export class UndoStack {
  private done: UndoStep[] = [];
  private undone: UndoStep[] = [];
  private openRun: string | null = null;

  constructor(private readonly limit = 200) {}

  record(step: UndoStep, run?: string): void {
    const last = this.done[this.done.length - 1];
    if (run && run === this.openRun && last && last.claimId === step.claimId) {
      last.after = { ...last.after, ...step.after };
    } else {
      this.done.push({ ...step, before: { ...step.before }, after: { ...step.after } });
      if (this.done.length > this.limit) this.done.shift();
    }
    this.openRun = run ?? null;
    this.undone = [];
  }

  /** Ends the current typing run: the next keystroke starts a new step. */
  seal(): void {
    this.openRun = null;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Takes the last step to undo (put it back with `failed` if the host refuses it). */
  undo(): UndoStep | undefined {
    this.seal();
    const step = this.done.pop();
    if (step) this.undone.push(step);
    return step;
  }

  redo(): UndoStep | undefined {
    this.seal();
    const step = this.undone.pop();
    if (step) this.done.push(step);
    return step;
  }

  /** The host refused an undo (`direction` "undo") or a redo: the step goes back where it was. */
  failed(step: UndoStep, direction: 'undo' | 'redo'): void {
    const [from, to] = direction === 'undo' ? [this.undone, this.done] : [this.done, this.undone];
    const at = from.lastIndexOf(step);
    if (at >= 0) from.splice(at, 1);
    to.push(step);
  }

  clear(): void {
    this.done = [];
    this.undone = [];
    this.openRun = null;
  }
}

/** The fields a step changes, for messages ("Undone: verdict"). */
export function stepFields(step: UndoStep): string[] {
  const fields = new Set<string>();
  for (const key of Object.keys(step.after)) {
    fields.add(key === 'add_tags' || key === 'remove_tags' ? 'tags' : key);
  }
  return [...fields];
}
