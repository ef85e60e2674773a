/**
 * Linked records by name in the task editor: the names of the accounts and
 * opportunities a task links to, and those found by searching theirs. Through the
 * connected provider, which caches the names; no `vscode` here.
 */
import type { NamedRecord, Task, TaskDescription } from '../api/domain';
import type { TaskProvider } from '../api/provider';
import type { FormField, FormOption } from '../shared/form';
import { messageOf } from '../shared/messageOf';
import { linkedIds } from './formBuilder';

/** The names of the records `task` links to, by object type, for the types the service names; the types are read at once. */
export async function linkedRecords(provider: TaskProvider | undefined, description: TaskDescription, task: Task | undefined): Promise<Record<string, NamedRecord[]>> {
  const types = provider?.capabilities.namedRecords ?? [];
  const records: Record<string, NamedRecord[]> = Object.fromEntries(types.map((type) => [type, []]));
  if (!provider) return records;
  const fields = description.fields.filter((field) => field.kind === 'relationship' && field.objectType !== undefined && types.includes(field.objectType));
  await Promise.all(
    fields.map(async ({ key, objectType }) => {
      // Names are a courtesy: without them the IDs show.
      records[objectType!].push(...(await provider.nameRecords(objectType!, linkedIds(task, key)).catch(() => [])));
    }),
  );
  return records;
}

/** The options a search of a searchable field finds; a failed search finds nothing and is logged. */
export async function recordsNamed(provider: TaskProvider | undefined, field: FormField, text: string, log: { warn(line: string): void }): Promise<FormOption[]> {
  if (!provider || !field.searchable || !field.objectType) return [];
  try {
    return (await provider.searchRecords(field.objectType, text)).map((record) => ({ id: record.id, label: record.name }));
  } catch (error) {
    log.warn(`Searching ${field.objectType} records failed: ${messageOf(error)}`);
    return [];
  }
}
