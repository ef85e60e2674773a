import { type Task, type TaskDefinitions } from '../../src/api/lightfield/schemas';
import { type FieldValue } from '../../src/api/values';
import { READ_ONLY_RELATIONSHIPS } from './definitions';
import { HttpError } from './httpError';
import { coerceWrittenValue } from './values';

const RELATIONSHIP_WRITE_LIMIT = 25;
const ID_PREFIXES: Record<string, string> = { member: 'mem_', account: 'acc_', note: 'note_', contact: 'con_', opportunity: 'opp_' };

export interface WriteContext {
  definitions: TaskDefinitions;
  /** What is stored for a written `$status` (how depends on the server's reading of the docs). */
  status: (written: unknown) => string;
  /** Whether an entity of `objectType` with `id` exists. */
  exists: (objectType: string, id: string) => boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asIdList(key: string, value: unknown): string[] {
  const ids = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new HttpError(400, `Relationship ${key} expects an entity ID or a list of them.`, 'invalid_type', `relationships.${key}`);
  }
  return ids;
}

/** Validates and converts written fields; `required` names the fields a create must carry. */
export function writeFields(ctx: WriteContext, input: unknown, required: readonly string[]): Record<string, FieldValue> {
  if (input !== undefined && !isPlainObject(input)) {
    throw new HttpError(400, '"fields" must be an object.', 'invalid_type', 'fields');
  }
  const result: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    const definition = ctx.definitions.fieldDefinitions[key];
    if (!definition) {
      throw new HttpError(400, `Unknown field ${key}.`, 'unknown_field', `fields.${key}`);
    }
    if (definition.readOnly) {
      throw new HttpError(400, `Field ${key} is read-only.`, 'unknown_field', `fields.${key}`);
    }
    const stored = key === '$status' && value !== null ? ctx.status(value) : coerceWrittenValue(key, definition, value);
    if (stored === null && (key === '$title' || key === '$status')) {
      throw new HttpError(400, `Field ${key} cannot be cleared.`, 'invalid_type', `fields.${key}`);
    }
    result[key] = stored;
  }
  for (const key of required) {
    if (result[key] === undefined || result[key] === null || result[key] === '') {
      throw new HttpError(400, `Field ${key} is required.`, 'parameter_missing', `fields.${key}`);
    }
  }
  return result;
}

function checkEntities(ctx: WriteContext, key: string, ids: readonly string[]): void {
  const definition = ctx.definitions.relationshipDefinitions[key];
  for (const id of ids) {
    const prefix = ID_PREFIXES[definition.objectType];
    if (prefix && !id.startsWith(prefix)) {
      throw new HttpError(400, `Relationship ${key} expects ${definition.objectType} IDs (${prefix}...).`, 'invalid_type', `relationships.${key}`);
    }
    if (!ctx.exists(definition.objectType, id)) {
      throw new HttpError(422, `No ${definition.objectType} with ID ${id}.`, 'relationship_entity_missing', `relationships.${key}`);
    }
  }
}

function relationshipDefinition(ctx: WriteContext, key: string) {
  const definition = ctx.definitions.relationshipDefinitions[key];
  if (!definition) {
    throw new HttpError(400, `Unknown relationship ${key}.`, 'unknown_relationship', `relationships.${key}`);
  }
  if (READ_ONLY_RELATIONSHIPS.has(key)) {
    throw new HttpError(400, `Relationship ${key} is read-only.`, 'unknown_relationship', `relationships.${key}`);
  }
  return definition;
}

function checkCardinality(ctx: WriteContext, key: string, values: readonly string[]): void {
  if (ctx.definitions.relationshipDefinitions[key].cardinality === 'HAS_ONE' && values.length > 1) {
    throw new HttpError(400, `Relationship ${key} holds one entity.`, 'invalid_type', `relationships.${key}`);
  }
}

function checkWriteLimit(count: number): void {
  if (count > RELATIONSHIP_WRITE_LIMIT) {
    throw new HttpError(422, `At most ${RELATIONSHIP_WRITE_LIMIT} relationship IDs may be written per request.`, 'relationship_write_limit_exceeded', 'relationships');
  }
}

/** Relationships as a create sets them: `{ key: id | id[] }`. */
export function createRelationships(ctx: WriteContext, input: unknown): Record<string, string[]> {
  if (!isPlainObject(input)) {
    throw new HttpError(400, '"relationships" is required and must be an object.', 'parameter_missing', 'relationships');
  }
  const result: Record<string, string[]> = {};
  let total = 0;
  for (const [key, value] of Object.entries(input)) {
    relationshipDefinition(ctx, key);
    const ids = asIdList(key, value);
    total += ids.length;
    checkWriteLimit(total);
    checkCardinality(ctx, key, ids);
    checkEntities(ctx, key, ids);
    result[key] = [...new Set(ids)];
  }
  if (!result.$assignedTo?.length) {
    throw new HttpError(400, 'Relationship $assignedTo is required.', 'parameter_missing', 'relationships.$assignedTo');
  }
  return result;
}

/** Applies `{ key: { replace?, remove?, add? } }` operations to a task's current relationships. */
export function updateRelationships(ctx: WriteContext, task: Task, input: unknown): Record<string, string[]> {
  if (input !== undefined && !isPlainObject(input)) {
    throw new HttpError(400, '"relationships" must be an object.', 'invalid_type', 'relationships');
  }
  const result: Record<string, string[]> = {};
  let changes = 0;
  for (const [key, operation] of Object.entries(input ?? {})) {
    relationshipDefinition(ctx, key);
    // The SDK: "provide one of add, remove, or replace".
    if (!isPlainObject(operation) || Object.keys(operation).length !== 1 || Object.keys(operation).some((op) => !['add', 'remove', 'replace'].includes(op))) {
      throw new HttpError(400, `Relationship ${key} expects an object with one of add, remove or replace.`, 'invalid_type', `relationships.${key}`);
    }
    // The typed update names $account, $assignedTo and $opportunity (and an organisation's own), never $createdBy.
    if (key === '$createdBy') throw new HttpError(400, 'Relationship $createdBy cannot be changed.', 'unknown_relationship', `relationships.${key}`);
    let values = [...(task.relationships[key]?.values ?? [])];
    if (operation.replace !== undefined) {
      // The newest spec: "or null to clear supported relationships"; an empty list clears as well.
      const ids = operation.replace === null ? [] : asIdList(key, operation.replace);
      checkEntities(ctx, key, ids);
      changes += ids.length + values.length;
      values = [...new Set(ids)];
    }
    if (operation.remove !== undefined) {
      const ids = asIdList(key, operation.remove);
      changes += ids.length;
      values = values.filter((id) => !ids.includes(id));
    }
    if (operation.add !== undefined) {
      const ids = asIdList(key, operation.add);
      checkEntities(ctx, key, ids);
      changes += ids.length;
      values = [...new Set([...values, ...ids])];
    }
    checkWriteLimit(changes);
    checkCardinality(ctx, key, values);
    if (key === '$assignedTo' && values.length === 0) {
      throw new HttpError(400, 'Relationship $assignedTo cannot be emptied.', 'invalid_type', `relationships.${key}`);
    }
    result[key] = values;
  }
  return result;
}
