/** From the edited form to the smallest write, in the domain's words. No `vscode` here. */
import type { TaskDraft, TaskPatch } from '../api/domain';
import type { WritableValue } from '../api/values';
import { changedKeys, type FormModel, type FormValue, normalize } from '../shared/form';

/** A form value as a written value: relationships as ID lists, everything else as it normalizes. */
function written(kind: 'field' | 'relationship', value: FormValue | undefined): WritableValue {
  const normal = normalize(value ?? null);
  if (kind === 'field') return normal;
  return Array.isArray(normal) ? normal : typeof normal === 'string' ? [normal] : [];
}

/** Only what changed (`null` or an empty list clears); a required relationship is never emptied. */
export function toUpdate(model: FormModel, values: Record<string, FormValue>): TaskPatch {
  const changed: Record<string, WritableValue> = {};
  for (const key of changedKeys(model, values)) {
    const field = model.fields.find((f) => f.key === key);
    if (!field) continue;
    const value = written(field.kind, values[key]);
    if (field.kind === 'relationship' && Array.isArray(value) && value.length === 0 && field.required) continue;
    changed[key] = value;
  }
  return Object.keys(changed).length > 0 ? { values: changed } : {};
}

export function isEmptyUpdate(patch: TaskPatch): boolean {
  return Object.keys(patch.values ?? {}).length === 0;
}

/** Every value a new task has. */
export function toCreate(model: FormModel, values: Record<string, FormValue>): TaskDraft {
  const draft: Record<string, WritableValue> = {};
  for (const field of model.fields) {
    if (field.readOnly) continue;
    const value = written(field.kind, values[field.key]);
    if (value === null || (Array.isArray(value) && value.length === 0)) continue;
    draft[field.key] = value;
  }
  return { values: draft };
}

/** Keys whose server value moved between two reads of the task. */
export function serverChanges(base: FormModel, fresh: FormModel): string[] {
  return changedKeys(base, fresh.values);
}
