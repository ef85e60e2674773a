/** Pure presentation logic for tasks: statuses, due dates, names, order. No `vscode` here. */
import { type Capabilities, isOpenTask, OPEN_STATUSES, type Task, taskDue, taskTitle, type TaskStatus } from '../api/domain';
import type { SortOrder } from '../config';
import { dayIn, daysBetween, deadline } from '../shared/dueDates';

export interface StatusInfo {
  status: TaskStatus;
  /** Codicon for the group and its tasks. */
  icon: string;
  /** Whether the group starts expanded. */
  open: boolean;
}

export const STATUS_INFO: Record<TaskStatus, StatusInfo> = {
  TODO: { status: 'TODO', icon: 'circle-large-outline', open: true },
  IN_PROGRESS: { status: 'IN_PROGRESS', icon: 'play-circle', open: true },
  COMPLETE: { status: 'COMPLETE', icon: 'pass', open: false },
  CANCELLED: { status: 'CANCELLED', icon: 'circle-slash', open: false },
};

export type StatusAction = 'start' | 'complete' | 'cancel' | 'reopen';

/** The status moves the product offers: where each goes, and from where. */
export const STATUS_ACTIONS: Record<StatusAction, { to: TaskStatus; from: readonly TaskStatus[] }> = {
  start: { to: 'IN_PROGRESS', from: ['TODO'] },
  complete: { to: 'COMPLETE', from: OPEN_STATUSES },
  cancel: { to: 'CANCELLED', from: OPEN_STATUSES },
  reopen: { to: 'TODO', from: ['COMPLETE', 'CANCELLED', 'IN_PROGRESS'] },
};

/** Whether a service has the statuses an action needs at all. */
export function serviceOffers(action: StatusAction, capabilities: Capabilities): boolean {
  return capabilities.statuses.includes(STATUS_ACTIONS[action].to);
}

/** The moves a task can make on its service. */
export function actionsFor(task: Task, capabilities: Capabilities): StatusAction[] {
  const status = task.status;
  return (Object.keys(STATUS_ACTIONS) as StatusAction[]).filter((action) => status !== undefined && serviceOffers(action, capabilities) && STATUS_ACTIONS[action].from.includes(status));
}

const DAY_MS = 24 * 3600_000;

/**
 * How long open work has been overdue, or undefined when it is not: a day's task
 * from the day after it in the user's zone (whole days), a timed one from its instant.
 */
export function overdueBy(task: Task, now: number, zone?: string): number | undefined {
  const due = taskDue(task);
  if (due === undefined || !isOpenTask(task)) return undefined;
  if ('day' in due) return deadline(due, zone) <= now ? daysBetween(due.day, dayIn(now, zone)) * DAY_MS : undefined;
  return due.at < now ? now - due.at : undefined;
}

/** Open work past its due date (a day's task once that day has ended where the user is). */
export function isOverdue(task: Task, now: number, zone?: string): boolean {
  return overdueBy(task, now, zone) !== undefined;
}

/** "tomorrow", "in 3 days", "2 hours ago": when a task is due, by calendar days for a day's task. */
export function dueWhen(task: Task, now: number, locale = 'en', zone?: string): string | undefined {
  const due = taskDue(task);
  if (!due) return undefined;
  if (!('day' in due)) return relativeTime(new Date(due.at), now, locale);
  const days = daysBetween(dayIn(now, zone), due.day);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const [unit, size] = DAY_UNITS.find(([, unitDays]) => Math.abs(days) >= unitDays) ?? DAY_UNITS[DAY_UNITS.length - 1];
  return format.format(Math.round(days / size), unit);
}

/** The due date in full, as the user's locale writes it: a day alone, or a date and time. */
export function dueInFull(task: Task, locale = 'en'): string | undefined {
  const due = taskDue(task);
  if (!due) return undefined;
  // A day is a calendar day, not an instant: written as itself, in no zone.
  return 'day' in due ? new Date(`${due.day}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC', dateStyle: 'full' }) : new Date(due.at).toLocaleString(locale);
}

const DAY_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365],
  ['month', 30],
  ['week', 7],
  ['day', 1],
];

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "in 3 days", "2 hours ago": the largest unit that fits, in the given locale. */
export function relativeTime(date: Date, now: number, locale = 'en'): string {
  const delta = date.getTime() - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.round(delta / size), unit);
  }
  return format.format(0, 'minute');
}

/** "8 days", "3 hours": a length of time in its largest fitting unit. */
export function durationText(ms: number, locale = 'en'): string {
  const [unit, size] = UNITS.find(([, unitSize]) => Math.abs(ms) >= unitSize) ?? UNITS[UNITS.length - 1];
  const count = Math.max(1, Math.round(Math.abs(ms) / size));
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(count);
}

/** Orders a group's tasks; tasks without a due date go last when sorting by due date. */
export function sortTasks(tasks: readonly Task[], order: SortOrder): Task[] {
  const byCreated = (a: Task, b: Task) => b.createdAt.localeCompare(a.createdAt);
  const compare: Record<SortOrder, (a: Task, b: Task) => number> = {
    created: byCreated,
    title: (a, b) => taskTitle(a).localeCompare(taskTitle(b)) || byCreated(a, b),
    dueDate: (a, b) => {
      const [da, db] = [a, b].map((task) => {
        const due = taskDue(task);
        return due ? deadline(due) : Infinity;
      });
      return da === db ? byCreated(a, b) : da - db;
    },
  };
  return [...tasks].sort(compare[order]);
}

/** The due-date groups of open tasks, in the tree's order: "This week" is the next seven days. */
export const DUE_BUCKETS = ['overdue', 'today', 'week', 'later', 'none'] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];

/** Which due-date group an open task is in, by calendar days where the user is (`zone`). */
export function dueBucket(task: Task, now: number, zone?: string): DueBucket {
  const due = taskDue(task);
  if (!due) return 'none';
  if (overdueBy(task, now, zone) !== undefined) return 'overdue';
  const days = daysBetween(dayIn(now, zone), 'day' in due ? due.day : dayIn(due.at, zone));
  return days <= 0 ? 'today' : days < 7 ? 'week' : 'later';
}
