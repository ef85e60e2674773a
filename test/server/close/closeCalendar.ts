/**
 * Days as Close reckons them (developer.close.com: tasks, time zone offsets): a
 * date-only task is due on that day in the user's zone, which a request names
 * with `X-TZ-Offset` (hours) and which is otherwise the user's zone as set in Close.
 * The server's own reckoning, written apart from the client's.
 */

/** The user's zone for one request: an offset in hours (from `X-TZ-Offset`) or a named zone. */
export type UserClock = { offsetHours: number } | { zone: string };

/** The clock of a request: its `X-TZ-Offset` where it sends a valid one, else the user's zone. */
export function clockOf(offsetHeader: string | undefined, zone: string): UserClock {
  const hours = offsetHeader === undefined ? Number.NaN : Number(offsetHeader);
  return Number.isFinite(hours) && Math.abs(hours) <= 14 ? { offsetHours: hours } : { zone };
}

/** The day it is at `ms` on the user's clock. */
export function dayOn(ms: number, clock: UserClock): string {
  if ('offsetHours' in clock) return new Date(ms + clock.offsetHours * 3_600_000).toISOString().slice(0, 10);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: clock.zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

/** The first quarter hour of `day` on the user's clock (zones change on quarter hours). */
export function dayStarts(day: string, clock: UserClock): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  if ('offsetHours' in clock) return midnightUtc - clock.offsetHours * 3_600_000;
  for (let at = midnightUtc - 15 * 3_600_000; ; at += 15 * 60_000) if (dayOn(at, clock) >= day) return at;
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date-time as Close writes it, whatever form it came in: UTC with `+00:00`, to the second. */
export function closeDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Where a task's `date` starts on the user's clock: a day's first moment, or the instant itself. */
export function dateStarts(date: string, clock: UserClock): number {
  return DATE_ONLY.test(date) ? dayStarts(date, clock) : Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(date) ? date : `${date}Z`);
}

/**
 * How many open tasks are overdue on the user's clock at `now`, as Close's inbox
 * counts them: a day's task once its day has passed, a timed one once its time has;
 * dateless tasks never.
 */
export function overdueCount(tasks: Iterable<{ date: string | null; is_dateless: boolean; is_complete: boolean }>, now: number, clock: UserClock): number {
  const today = dayOn(now, clock);
  let count = 0;
  for (const task of tasks) {
    if (task.is_complete || task.is_dateless || !task.date) continue;
    if (DATE_ONLY.test(task.date) ? task.date < today : dateStarts(task.date, clock) < now) count++;
  }
  return count;
}
