/** Pure presentation logic for tasks: statuses, due dates, names, order. No `vscode` here. */
import { type Capabilities, STATUS_LABELS, TASK_STATUSES, type Task, type TaskStatus } from '../api/domain';

export interface StatusInfo {
  status: TaskStatus;
  label: string;
  /** Codicon for the group and its tasks. */
  icon: string;
  /** Whether the group starts expanded. */
  open: boolean;
}

export const STATUS_INFO: Record<TaskStatus, StatusInfo> = {
  TODO: { status: 'TODO', label: STATUS_LABELS.TODO, icon: 'circle-large-outline', open: true },
  IN_PROGRESS: { status: 'IN_PROGRESS', label: STATUS_LABELS.IN_PROGRESS, icon: 'play-circle', open: true },
  COMPLETE: { status: 'COMPLETE', label: STATUS_LABELS.COMPLETE, icon: 'pass', open: false },
  CANCELLED: { status: 'CANCELLED', label: STATUS_LABELS.CANCELLED, icon: 'circle-slash', open: false },
};

/** A status's name as the service calls it (Close's "Done" is the product's Complete). */
export function statusLabel(status: TaskStatus, capabilities?: Capabilities): string {
  return capabilities?.statusLabels[status] ?? STATUS_INFO[status].label;
}

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function taskStatus(task: Task): TaskStatus | undefined {
  return task.status;
}

export function taskTitle(task: Task): string {
  return task.title.trim() !== '' ? task.title : '(untitled)';
}

export function taskDueAt(task: Task): Date | undefined {
  if (task.dueAt === undefined) return undefined;
  const date = new Date(task.dueAt);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export type StatusAction = 'start' | 'complete' | 'cancel' | 'reopen';

/** The status moves the product offers: where each goes, and from where. */
export const STATUS_ACTIONS: Record<StatusAction, { to: TaskStatus; from: readonly TaskStatus[] }> = {
  start: { to: 'IN_PROGRESS', from: ['TODO'] },
  complete: { to: 'COMPLETE', from: ['TODO', 'IN_PROGRESS'] },
  cancel: { to: 'CANCELLED', from: ['TODO', 'IN_PROGRESS'] },
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

/** Open work past its due date. */
export function isOverdue(task: Task, now: number): boolean {
  const due = taskDueAt(task);
  const status = taskStatus(task);
  return due !== undefined && due.getTime() < now && (status === 'TODO' || status === 'IN_PROGRESS');
}

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

export type SortOrder = 'dueDate' | 'created' | 'title';

/** Orders a group's tasks; tasks without a due date go last when sorting by due date. */
export function sortTasks(tasks: readonly Task[], order: SortOrder): Task[] {
  const byCreated = (a: Task, b: Task) => b.createdAt.localeCompare(a.createdAt);
  const compare: Record<SortOrder, (a: Task, b: Task) => number> = {
    created: byCreated,
    title: (a, b) => taskTitle(a).localeCompare(taskTitle(b)) || byCreated(a, b),
    dueDate: (a, b) => {
      const da = taskDueAt(a)?.getTime() ?? Infinity;
      const db = taskDueAt(b)?.getTime() ?? Infinity;
      return da === db ? byCreated(a, b) : da - db;
    },
  };
  return [...tasks].sort(compare[order]);
}
