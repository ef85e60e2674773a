/** Whether a write whose answer was lost was applied, told by reading the task again. */
import type { Task, TaskPatch } from '../api/domain';
import type { TaskProvider } from '../api/provider';
import type { WritableValue } from '../api/values';
import { readDue } from '../shared/dueDates';

const CONFIRM_READS = 3;

/** Whether `task` holds what `patch` asked for (relationship lists compared as sets, dates by meaning). */
export function patchApplied(task: Task, patch: TaskPatch): boolean {
  const same = (actual: unknown, wanted: WritableValue | undefined) => {
    if (Array.isArray(actual) && Array.isArray(wanted)) return actual.length === wanted.length && wanted.every((item) => (actual as unknown[]).includes(item));
    return JSON.stringify(actual ?? null) === JSON.stringify(wanted ?? null);
  };
  // A day stays a day; an instant is compared as one, whatever form the service writes it in.
  const instant = (date: string | null | undefined) => {
    const due = readDue(date);
    return due ? ('day' in due ? due.day : due.at) : null;
  };
  const named: [unknown, WritableValue | undefined][] = [
    [task.title, patch.title],
    [task.status, patch.status],
    [instant(task.dueAt), patch.dueAt === undefined ? undefined : instant(patch.dueAt)],
    [task.assignee, patch.assignee],
    [task.description, patch.description],
  ];
  return (
    named.every(([actual, wanted]) => wanted === undefined || same(actual, wanted)) &&
    Object.entries(patch.values ?? {}).every(([key, wanted]) => same(task.fields[key]?.value, wanted))
  );
}

/** Reads (a few times, each with its own retries) whether a write whose answer was lost was applied; the task if it was. */
export async function confirmWrite(provider: TaskProvider, id: string, patch: TaskPatch): Promise<Task | undefined> {
  for (let attempt = 1; attempt <= CONFIRM_READS; attempt++) {
    const fresh = await provider.getTask(id).catch(() => undefined);
    if (fresh) return patchApplied(fresh, patch) ? fresh : undefined;
  }
  return undefined;
}
