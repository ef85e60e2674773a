/**
 * When a task is due: on a day (all day, `2026-11-25`, a day in the user's time
 * zone, as Close's date-only tasks are) or at an instant (ISO 8601 with an
 * offset). A day is due until it ends where the user is, so "overdue", "today"
 * and the badge are reckoned in the user's zone, never as UTC midnight. The zone
 * is this machine's unless one is given (tests pass generated zones). No `vscode`
 * and no DOM, so host, webview and tests share it.
 */

export const DUE_DAY = /^\d{4}-\d{2}-\d{2}$/;

export type Due = { day: string } | { at: number };

/** A due value as a day or an instant; undefined when it is neither. */
export function readDue(text: string | null | undefined): Due | undefined {
  if (!text) return undefined;
  if (DUE_DAY.test(text)) {
    // A day that does not exist (30 February) is not rolled over into the next month.
    const midnight = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(text) ? { day: text } : undefined;
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : { at };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in a zone (the user's by default), as `YYYY-MM-DD`. */
export function dayIn(ms: number, zone?: string): string {
  const key = zone ?? '';
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The instant `day` begins in UTC. */
export function utcMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** `day` moved by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(utcMidnight(day) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Calendar days from one day to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / 86_400_000);
}

/** Minutes a zone is ahead of UTC at an instant. */
function zoneOffsetMinutes(ms: number, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

/** The instant a day begins in a zone (the user's by default). */
export function startOfDay(day: string, zone?: string): number {
  if (zone === undefined) {
    const [year, month, date] = day.split('-').map(Number);
    return new Date(year, month - 1, date).getTime();
  }
  const guess = utcMidnight(day);
  // Twice, in case the first guess is on the other side of a change of offset.
  const first = guess - zoneOffsetMinutes(guess, zone) * 60_000;
  return guess - zoneOffsetMinutes(first, zone) * 60_000;
}

/** The instant a task stops being on time: the end of its day where the user is, or its instant. */
export function deadline(due: Due, zone?: string): number {
  return 'day' in due ? startOfDay(addDays(due.day, 1), zone) : due.at;
}

/** `X-TZ-Offset` as Close's own client sends it: the user's hours from UTC now (`-8`, `5.5`). */
export function hoursFromUtc(now = Date.now()): string {
  return String(-new Date(now).getTimezoneOffset() / 60);
}

/** A time on a day where the user is, as an ISO instant; undefined for a time that does not exist. */
export function localInstant(day: string, hours: number, minutes: number): string | undefined {
  if (!readDue(day) || hours > 23 || minutes > 59) return undefined;
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date, hours, minutes).toISOString();
}

/** The end of a working day: the time a day becomes where a service takes only instants. */
export const END_OF_WORKING_DAY = 17;

/**
 * A due date as a person types it: `2026-12-24` (that day, all day, or its end of
 * working day where a service takes only times) or `2026-12-24 15:30`.
 */
export function typedDue(text: string, takesDays: boolean): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, day, hours, minutes] = match;
  if (hours === undefined) return takesDays ? (readDue(day) ? day : undefined) : localInstant(day, END_OF_WORKING_DAY, 0);
  return localInstant(day, Number(hours), Number(minutes));
}
