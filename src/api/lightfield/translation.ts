/**
 * Lightfield's wire and the domain, both ways, with the definitions' vocabulary:
 * a task and a page read, a patch written as an update or a create, the list
 * filters, and a member's or a record's name. Pure: testable without a server.
 */
import type { Member, NamedRecord, Task, TaskDraft, TaskPage, TaskPatch, TaskQuery } from '../domain';
import { ApiError, FILTER_UNSUPPORTED } from '../errors';
import type { Field, FullName, WritableValue } from '../values';
import { KEYS, MAX_PAGE_SIZE, RECORD_PATHS, RELATIONSHIP_WRITE_LIMIT } from './capabilities';
import type { ListFilter, Member as LightfieldMember, RelationshipOperation, Task as LightfieldTask, TaskCreate, TaskPage as TaskPageWire, TaskUpdate } from './schemas';
import type { Vocabulary } from './vocabulary';

/** Lightfield's list filters travel as `key[operator]=value`; a leading `-` on the operator negates it. */
export function filterQuery(filters: readonly ListFilter[] = []): Record<string, string> {
  const query: Record<string, string> = {};
  for (const filter of filters) query[`${filter.key}[${filter.negate ? '-' : ''}${filter.operator}]`] = filter.value;
  return query;
}

function text(field: Field | undefined): string | undefined {
  return typeof field?.value === 'string' ? field.value : undefined;
}

/** The IDs a task links to, by object type, for the types Lightfield names (its accounts and opportunities). */
function relatedOf(wire: LightfieldTask): Record<string, string[]> | undefined {
  const related: Record<string, string[]> = {};
  for (const relationship of Object.values(wire.relationships)) {
    if (relationship.objectType in RECORD_PATHS && relationship.values.length > 0) related[relationship.objectType] = [...(related[relationship.objectType] ?? []), ...relationship.values];
  }
  return Object.keys(related).length > 0 ? related : undefined;
}

/** An entity's name: its `$name` (text or a full name), else its `$email`, else its ID. */
function nameOf(entity: LightfieldMember): string {
  const name = entity.fields.$name?.value;
  const email = entity.fields.$email?.value;
  let label: string | undefined;
  if (typeof name === 'string' && name.trim()) label = name;
  else if (name && typeof name === 'object' && !Array.isArray(name)) label = [(name as FullName).firstName, (name as FullName).lastName].filter(Boolean).join(' ') || undefined;
  label ??= typeof email === 'string' && email ? email : Array.isArray(email) && email[0] ? email[0] : undefined;
  return label ?? entity.id;
}

export function memberOf(member: LightfieldMember): Member {
  return { id: member.id, name: nameOf(member) };
}

export function namedRecordOf(entity: LightfieldMember): NamedRecord {
  return { id: entity.id, name: nameOf(entity), webLink: entity.httpLink ?? undefined };
}

export function toTask(wire: LightfieldTask, words: Vocabulary): Task {
  const fields: Record<string, Field> = { ...wire.fields };
  for (const [key, relationship] of Object.entries(wire.relationships)) fields[key] = { valueType: 'RELATIONSHIP', value: relationship.values };
  const status = text(wire.fields[KEYS.status]);
  // The form's select knows the options: a status stored as a literal shows as its option.
  const option = status === undefined ? undefined : words.statusOf(status) && words.written(words.statusOf(status)!);
  if (option !== undefined && option !== status) fields[KEYS.status] = { valueType: 'SINGLE_SELECT', value: option };
  return {
    id: wire.id,
    title: text(wire.fields[KEYS.title]) ?? '',
    status: status === undefined ? undefined : words.statusOf(status),
    dueAt: text(wire.fields[KEYS.dueAt]),
    assignee: wire.relationships[KEYS.assignee]?.values[0],
    description: text(wire.fields[KEYS.description]),
    webLink: wire.httpLink ?? undefined,
    createdAt: wire.createdAt,
    updatedAt: wire.updatedAt ?? undefined,
    related: relatedOf(wire),
    fields,
  };
}

export function taskFilters(query: TaskQuery, words: Pick<Vocabulary, 'filtered' | 'slug'>): ListFilter[] {
  const filters: ListFilter[] = [];
  if (query.status) filters.push({ key: KEYS.status, operator: 'equal', value: words.filtered(query.status) });
  // Relationship filters name the relationship by its slug, which varies per organisation.
  if (query.assignee) filters.push({ key: words.slug(KEYS.assignee), operator: 'contains', value: query.assignee });
  if (query.titlePrefix) filters.push({ key: KEYS.title, operator: 'startsWith', value: query.titlePrefix });
  if (query.dueFrom) filters.push({ key: KEYS.dueAt, operator: 'greaterThanOrEqual', value: query.dueFrom });
  if (query.dueBefore) filters.push({ key: KEYS.dueAt, operator: 'lessThan', value: query.dueBefore });
  return filters;
}

export function toPage(query: TaskQuery, page: TaskPageWire, words: Vocabulary): TaskPage {
  const offset = query.offset ?? 0;
  const full = page.data.length === (query.limit ?? MAX_PAGE_SIZE);
  return { tasks: page.data.map((task) => toTask(task, words)), total: page.totalCount, hasMore: full && offset + page.data.length < page.totalCount };
}

/** A patch's values by wire key: its named properties, then the described fields it sets. */
function valuesOf(patch: TaskPatch, words: Vocabulary): Record<string, WritableValue> {
  const values: Record<string, WritableValue> = {};
  if (patch.title !== undefined) values[KEYS.title] = patch.title;
  if (patch.status !== undefined) values[KEYS.status] = words.written(patch.status);
  if (patch.dueAt !== undefined) values[KEYS.dueAt] = patch.dueAt;
  if (patch.assignee !== undefined) values[KEYS.assignee] = [patch.assignee];
  if (patch.description !== undefined) values[KEYS.description] = patch.description;
  return { ...values, ...patch.values };
}

/** Fields by value (`null` clears); a relationship as one `replace`, as the API asks ("one of add, remove, or replace"). */
export function toUpdate(patch: TaskPatch, words: Vocabulary): TaskUpdate {
  checkLinkCount(valuesOf(patch, words), words);
  const update: TaskUpdate = {};
  for (const [key, value] of Object.entries(valuesOf(patch, words))) {
    if (!words.isRelationship(key)) {
      (update.fields ??= {})[key] = value;
      continue;
    }
    const ids = idsOf(value);
    const many = words.definitions.relationshipDefinitions[key].cardinality === 'HAS_MANY';
    const operation: RelationshipOperation = { replace: many ? ids : (ids[0] ?? []) };
    (update.relationships ??= {})[key] = operation;
  }
  return update;
}

/** Every value a new task has: a has-one relationship as one ID, a has-many as a list. */
export function toCreate(draft: TaskDraft, words: Vocabulary): TaskCreate {
  checkLinkCount(valuesOf(draft, words), words);
  const create: TaskCreate = { fields: {}, relationships: {} };
  for (const [key, value] of Object.entries(valuesOf(draft, words))) {
    if (value === null) continue;
    if (!words.isRelationship(key)) {
      create.fields[key] = value;
      continue;
    }
    const ids = idsOf(value);
    if (ids.length > 0) create.relationships[key] = words.definitions.relationshipDefinitions[key].cardinality === 'HAS_MANY' ? ids : ids[0];
  }
  return create;
}

/** The filters a query is sent with, as a connection's first lists guess them: a status as its literal, a slug as its key. */
export const GUESSED_WORDS: Pick<Vocabulary, 'filtered' | 'slug'> = { filtered: (status) => status, slug: (key) => key };

/**
 * A list filter the service refused (the task pages document none; a guessed slug
 * is a 400): the caller filters itself. A list has no body, so a type refused on
 * a filtered list is a filter's (an organisation whose due field is not a date-time).
 */
export function refusedFilter(error: unknown, query: TaskQuery): never {
  if (taskFilters(query, GUESSED_WORDS).length > 0 && error instanceof ApiError && error.status === 400 && (error.code === 'unknown_relationship' || error.code === 'unknown_field' || error.code === 'invalid_type')) {
    throw new ApiError({ kind: 'config', code: FILTER_UNSUPPORTED, message: `Lightfield refused a filter of the task list: ${error.message}` });
  }
  throw error;
}

/** The service takes at most 25 relationship IDs per request, counted across relationships: said before sending, at the fields. */
function checkLinkCount(values: Record<string, WritableValue>, words: Vocabulary): void {
  const linked = Object.entries(values).filter(([key]) => words.isRelationship(key));
  const count = linked.reduce((sum, [, value]) => sum + idsOf(value).length, 0);
  if (count <= RELATIONSHIP_WRITE_LIMIT) return;
  const message = `Lightfield takes at most ${RELATIONSHIP_WRITE_LIMIT} linked records per save, across all relationships; this save has ${count}.`;
  throw new ApiError({ kind: 'config', code: 'relationship_write_limit_exceeded', message, fieldErrors: Object.fromEntries(linked.map(([key]) => [key, message])) });
}

function idsOf(value: WritableValue): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' && value ? [value] : [];
}

export function pageQuery(query: Pick<TaskQuery, 'offset' | 'limit'>): Record<string, number> {
  const result: Record<string, number> = {};
  if (query.offset !== undefined) result.offset = query.offset;
  if (query.limit !== undefined) result.limit = query.limit;
  return result;
}

