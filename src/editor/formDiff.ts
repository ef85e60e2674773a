/** From the edited form to the smallest write. No `vscode` here. */
import type { RelationshipOperation, TaskCreate, TaskUpdate } from '../api/model';
import { changedKeys, type FormModel, type FormValue, normalize } from '../shared/form';

function ids(value: FormValue | undefined): string[] {
  const normal = normalize(value ?? null);
  return Array.isArray(normal) ? normal : typeof normal === 'string' ? [normal] : [];
}

/**
 * Only what changed: fields by value (`null` clears); a changed relationship as one
 * operation, as the API asks ("one of add, remove, or replace"): `replace` with the
 * final list, or the one ID of a has-one. A required relationship is never emptied.
 */
export function toUpdate(model: FormModel, values: Record<string, FormValue>): TaskUpdate {
  const update: TaskUpdate = {};
  for (const key of changedKeys(model, values)) {
    const field = model.fields.find((f) => f.key === key);
    if (!field) continue;
    if (field.kind === 'field') {
      (update.fields ??= {})[key] = normalize(values[key]);
      continue;
    }
    const after = ids(values[key]);
    if (after.length === 0 && field.required) continue;
    const operation: RelationshipOperation = { replace: field.multiple ? after : (after[0] ?? []) };
    (update.relationships ??= {})[key] = operation;
  }
  return update;
}

export function isEmptyUpdate(update: TaskUpdate): boolean {
  return Object.keys(update.fields ?? {}).length === 0 && Object.keys(update.relationships ?? {}).length === 0;
}

/** Every value a new task has: single relationships as one ID, many as a list. */
export function toCreate(model: FormModel, values: Record<string, FormValue>): TaskCreate {
  const create: TaskCreate = { fields: {}, relationships: {} };
  for (const field of model.fields) {
    if (field.readOnly) continue;
    const value = normalize(values[field.key]);
    if (value === null) continue;
    if (field.kind === 'field') {
      create.fields[field.key] = value;
    } else {
      const list = ids(value);
      create.relationships[field.key] = field.multiple ? list : list[0];
    }
  }
  return create;
}

/** Keys whose server value moved between two reads of the task. */
export function serverChanges(base: FormModel, fresh: FormModel): string[] {
  return changedKeys(base, fresh.values);
}
