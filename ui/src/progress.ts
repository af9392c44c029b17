// Progress: how many claims are in each status, as a compact bar with the numbers as text.
import type { Claim, Status } from './api';
import { el } from './dom';
import { statusLabel, t } from './i18n';

/** The workflow's statuses in the order a claim goes through them. */
export const STATUSES: readonly Status[] = ['draft', 'in_review', 'reviewed', 'published', 'rejected'];

export type StatusCounts = Record<Status, number>;

export function statusCounts(claims: readonly Pick<Claim, 'status'>[]): StatusCounts {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const c of claims) if (c.status in counts) counts[c.status] += 1;
  return counts;
}

/** Fills in the statuses the host left out (it may omit those with no claims). */
export function fullCounts(partial: Partial<Record<Status, number>> | null | undefined): StatusCounts {
  const counts = statusCounts([]);
  for (const s of STATUSES) counts[s] = Math.max(0, Number(partial?.[s] ?? 0) || 0);
  return counts;
}

/**
 * A bar split by status (widths proportional to the counts) followed by the counts as text:
 * `compact` lists only the statuses that have claims, with their labels for screen readers and
 * in a tooltip; otherwise every status is listed with its label.
 */
export function progressBar(partial: Partial<Record<Status, number>>, compact: boolean, id?: string): HTMLElement {
  const counts = fullCounts(partial);
  const total = STATUSES.reduce((sum, s) => sum + counts[s], 0);
  // Spans only: the bar also goes inside the article list's buttons.
  const track = el('span', { class: 'progress-track', 'aria-hidden': 'true' });
  for (const s of STATUSES) {
    if (!counts[s]) continue;
    const seg = el('span', { class: `progress-seg st-${s}`, 'data-status': s });
    seg.style.flexGrow = String(counts[s]);
    track.append(seg);
  }
  const legend = el(
    'span',
    { class: 'progress-legend' },
    ...STATUSES.filter((s) => !compact || counts[s] > 0).map((s) =>
      el(
        'span',
        { class: `progress-count st-${s}`, 'data-status': s, 'data-count': counts[s], title: `${statusLabel(s)}: ${counts[s]}` },
        el('span', { class: 'dot', 'aria-hidden': 'true' }),
        el('span', { class: compact ? 'progress-label sr-only' : 'progress-label' }, statusLabel(s)),
        ' ',
        el('span', { class: 'progress-n' }, counts[s]),
      ),
    ),
  );
  return el(
    'span',
    { id: id ?? null, class: compact ? 'progress compact' : 'progress', 'data-total': total, title: compact ? t('progressLabel', { n: total }) : null },
    track,
    legend,
  );
}
