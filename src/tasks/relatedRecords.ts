/** The records a task links to, by name, for tooltips and hovers. No `vscode` here. */
import type { NamedRecord, Task } from '../api/domain';

export type NameRecords = (objectType: string, ids: readonly string[]) => Promise<NamedRecord[]>;

/** "Account" for `account`: an object type as a row's label. */
function typeLabel(objectType: string): string {
  return objectType.charAt(0).toUpperCase() + objectType.slice(1);
}

/** One row per linked object type: its label and the records' names (an ID where the service gave no name). */
export async function relatedRows(task: Task, nameRecords: NameRecords): Promise<[string, string][]> {
  const entries = Object.entries(task.related ?? {});
  const named = await Promise.all(entries.map(([objectType, ids]) => nameRecords(objectType, ids).catch((): NamedRecord[] => [])));
  return entries.map(([objectType, ids], index) => [typeLabel(objectType), ids.map((id) => named[index].find((record) => record.id === id)?.name ?? id).join(', ')]);
}
