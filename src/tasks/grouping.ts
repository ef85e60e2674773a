/** Pure presentation logic for tasks: statuses, due dates, names, order. No `vscode` here. */
import type { FullName, Member, Task, TaskStatus } from '../api/model';
import { TASK_STATUSES } from '../api/model';

export interface StatusInfo {
  status: TaskStatus;
  label: string;
  /** Codicon for the group and its tasks. */
  icon: string;
  /** Whether the group starts expanded. */
  open: boolean;
}

export const STATUS_INFO: Record<TaskStatus, StatusInfo> = {
  TODO: { status: 'TODO', label: 'To do', icon: 'circle-large-outline', open: true },
  IN_PROGRESS: { status: 'IN_PROGRESS', label: 'In progress', icon: 'play-circle', open: true },
  COMPLETE: { status: 'COMPLETE', label: 'Complete', icon: 'pass', open: false },
  CANCELLED: { status: 'CANCELLED', label: 'Cancelled', icon: 'circle-slash', open: false },
};

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function taskStatus(task: Task): TaskStatus | undefined {
  const value = task.fields.$status?.value;
  return isTaskStatus(value) ? value : undefined;
}

export function taskTitle(task: Task): string {
  const value = task.fields.$title?.value;
  return typeof value === 'string' && value.trim() !== '' ? value : '(untitled)';
}

export function taskDueAt(task: Task): Date | undefined {
  const value = task.fields.$dueAt?.value;
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function taskAssignee(task: Task): string | undefined {
  return task.relationships.$assignedTo?.values[0];
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

export function memberName(member: Member): string {
  const name = member.fields.$name?.value;
  if (typeof name === 'string' && name.trim()) return name;
  if (name && typeof name === 'object' && !Array.isArray(name)) {
    const { firstName, lastName } = name as FullName;
    const full = [firstName, lastName].filter(Boolean).join(' ');
    if (full) return full;
  }
  const email = member.fields.$email?.value;
  if (typeof email === 'string' && email) return email;
  if (Array.isArray(email) && email[0]) return email[0];
  return member.id;
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
