/**
 * The Lightfield adapter: the domain's tasks, queries and patches to and from
 * Lightfield's entities, whose fields and relationships its definitions describe.
 * The definitions are read once per adapter: they name the status options, the
 * relationships' filter slugs, and every field the editor shows.
 */
import {
  type Account,
  type Capabilities,
  type FieldDescription,
  type Member,
  type ParentChoice,
  TASK_STATUSES,
  type Task,
  type TaskDescription,
  type TaskDraft,
  type TaskPage,
  type TaskPatch,
  type TaskQuery,
  type TaskStatus,
} from '../domain';
import { ApiError } from '../errors';
import type { ServiceHttp } from '../http';
import { collectAllPages } from '../paging';
import type { CallOptions, ProviderOptions, TaskProvider, WriteOptions } from '../provider';
import { type Field, type FullName, isUnreadable, type WritableValue } from '../values';
import { lightfieldHttp } from './http';
import {
  keyInfoSchema,
  type ListFilter,
  memberPageSchema,
  type Member as LightfieldMember,
  type RelationshipOperation,
  type Task as LightfieldTask,
  type TaskCreate,
  type TaskDefinitions,
  taskDefinitionsSchema,
  type TaskPage as TaskPageWire,
  taskPageSchema,
  taskSchema,
  type TaskUpdate,
} from './schemas';

/** The service's page size ceiling. */
export const MAX_PAGE_SIZE = 25;
/** Pages in flight at once while listing everything: enough to keep 25 a second going at a 200 ms round trip; the rate limiter paces them. */
const LIST_CONCURRENCY = 10;

export const LIGHTFIELD_CAPABILITIES: Capabilities = {
  service: 'lightfield',
  name: 'Lightfield',
  statuses: TASK_STATUSES,
  statusLabels: {},
  totals: true,
  idempotentWrites: true,
  filters: { status: true, assignee: true, titlePrefix: true },
  maxPageSize: MAX_PAGE_SIZE,
  descriptions: true,
  taskIdPattern: 'tsk_[A-Za-z0-9]+',
  key: { placeholder: 'sk_lf_…', prefix: 'sk_lf_', where: 'Create a key in Lightfield under Settings → API keys.' },
};

/** The documented system keys, the only ones this adapter names. */
const KEYS = { title: '$title', status: '$status', dueAt: '$dueAt', assignee: '$assignedTo', description: '$description' } as const;
const REQUIRED_ON_CREATE = new Set<string>([KEYS.title, KEYS.status, KEYS.assignee]);
/** Required on every save: the service refuses to empty them. */
const REQUIRED_ON_EDIT = new Set<string>([KEYS.title, KEYS.status, KEYS.assignee]);
const READ_ONLY_RELATIONSHIPS = new Set(['$note']);
/** Documented ID prefixes by object type. */
const ID_PREFIXES: Record<string, string> = { account: 'acc_', contact: 'con_', opportunity: 'opp_', member: 'mem_' };
/** System fields first, in the order a person fills them in; the rest in definition order. */
const LEADING: string[] = [KEYS.title, KEYS.status, KEYS.assignee, KEYS.dueAt, KEYS.description];
const ROLES: Record<string, FieldDescription['role']> = {
  [KEYS.title]: 'title',
  [KEYS.status]: 'status',
  [KEYS.dueAt]: 'dueAt',
  [KEYS.assignee]: 'assignee',
  [KEYS.description]: 'description',
};

/** Lightfield's list filters travel as `key[operator]=value`; a leading `-` on the operator negates it. */
export function filterQuery(filters: readonly ListFilter[] = []): Record<string, string> {
  const query: Record<string, string> = {};
  for (const filter of filters) query[`${filter.key}[${filter.negate ? '-' : ''}${filter.operator}]`] = filter.value;
  return query;
}

/** Letters only, lower case: "In progress" and "IN_PROGRESS" read the same. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * What the definitions say, read for translation: status options both ways
 * (matched by ID, else by label, never assuming the ID spells the status) and
 * which keys are relationships.
 */
class Vocabulary {
  readonly statusOf = new Map<string, TaskStatus>();
  readonly optionOf = new Map<TaskStatus, string>();

  constructor(readonly definitions: TaskDefinitions) {
    const options = definitions.fieldDefinitions[KEYS.status]?.typeConfiguration?.options ?? [];
    for (const status of TASK_STATUSES) {
      const option = options.find((o) => o.id === status) ?? options.find((o) => squash(o.label) === squash(status));
      if (!option) continue;
      this.statusOf.set(option.id, status);
      this.optionOf.set(status, option.id);
    }
  }

  isRelationship(key: string): boolean {
    return key in this.definitions.relationshipDefinitions;
  }

  option(status: TaskStatus): string {
    const id = this.optionOf.get(status);
    if (!id) throw new ApiError({ kind: 'config', message: `Lightfield's task status has no option for ${status}.` });
    return id;
  }

  slug(key: string): string {
    const slug = this.definitions.relationshipDefinitions[key]?.slug;
    if (!slug) throw new ApiError({ kind: 'config', message: `Tasks cannot be filtered by ${key}: its definition names no slug.` });
    return slug;
  }
}

function text(field: Field | undefined): string | undefined {
  return typeof field?.value === 'string' ? field.value : undefined;
}

function memberOf(member: LightfieldMember): Member {
  const name = member.fields.$name?.value;
  const email = member.fields.$email?.value;
  let label: string | undefined;
  if (typeof name === 'string' && name.trim()) label = name;
  else if (name && typeof name === 'object' && !Array.isArray(name)) label = [(name as FullName).firstName, (name as FullName).lastName].filter(Boolean).join(' ') || undefined;
  label ??= typeof email === 'string' && email ? email : Array.isArray(email) && email[0] ? email[0] : undefined;
  return { id: member.id, name: label ?? member.id };
}

export class LightfieldProvider implements TaskProvider {
  readonly capabilities = LIGHTFIELD_CAPABILITIES;
  private readonly http: ServiceHttp;
  private readonly log: ((line: string) => void) | undefined;
  private vocabularyRead: Promise<Vocabulary> | undefined;
  private readonly memory: ProviderOptions['memory'];
  /** The vocabulary in use came from memory and the service has not confirmed it yet. */
  private remembered = false;
  /** The latest read of the service's own definitions. */
  private freshRead: Promise<Vocabulary> | undefined;
  /** Whether some definitions (remembered or read) are at hand, not only on their way. */
  private known = false;

  constructor(options: ProviderOptions) {
    this.http = lightfieldHttp(options);
    this.log = options.log;
    this.memory = options.memory;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  /**
   * The definitions, read once per adapter. Remembered ones from an earlier start
   * serve at once (the first lists need not wait a round trip for them) while the
   * service's current ones are read in the background and replace them.
   */
  private vocabulary(options: CallOptions): Promise<Vocabulary> {
    if (this.vocabularyRead) return this.vocabularyRead;
    const remembered = taskDefinitionsSchema.safeParse(this.memory?.read());
    const fresh = this.readDefinitions(options);
    if (!remembered.success) return fresh;
    this.remembered = true;
    this.known = true;
    this.vocabularyRead = Promise.resolve(new Vocabulary(remembered.data));
    fresh.catch(() => undefined);
    return this.vocabularyRead;
  }

  private readDefinitions(options: CallOptions): Promise<Vocabulary> {
    const read = this.http.request({ method: 'GET', path: '/v1/tasks/definitions', category: 'read', schema: taskDefinitionsSchema, ...options }).then((definitions) => {
      this.memory?.write(definitions);
      this.remembered = false;
      this.known = true;
      return new Vocabulary(definitions);
    });
    this.vocabularyRead = read;
    this.freshRead = read;
    read.catch(() => {
      if (this.vocabularyRead === read) this.vocabularyRead = undefined;
    });
    return read;
  }

  /** A call made with remembered definitions that the service refused is made again with its current ones. */
  private async withVocabulary<T>(options: CallOptions, call: (words: Vocabulary) => Promise<T>): Promise<T> {
    const words = await this.vocabulary(options);
    const fromMemory = this.remembered;
    try {
      return await call(words);
    } catch (error) {
      if (!fromMemory || !(error instanceof ApiError) || error.status !== 400) throw error;
      return call(await this.readDefinitions(options));
    }
  }

  /**
   * Fields that could not be read as their type says do not fail the answer (they
   * show read-only); their paths go to the log, e.g. `data[2].fields.estimate`.
   */
  private noteUnreadable(what: string, entities: { fields: Record<string, Field> }[], listed: boolean): void {
    entities.forEach((entity, index) => {
      for (const [key, field] of Object.entries(entity.fields)) {
        if (isUnreadable(field)) this.log?.(`${what}: ${listed ? `data[${index}].` : ''}fields.${key}: ${field.problem}`);
      }
    });
  }

  private toTask(wire: LightfieldTask, words: Vocabulary): Task {
    const fields: Record<string, Field> = { ...wire.fields };
    for (const [key, relationship] of Object.entries(wire.relationships)) fields[key] = { valueType: 'RELATIONSHIP', value: relationship.values };
    const status = text(wire.fields[KEYS.status]);
    return {
      id: wire.id,
      title: text(wire.fields[KEYS.title]) ?? '',
      status: status === undefined ? undefined : words.statusOf.get(status),
      dueAt: text(wire.fields[KEYS.dueAt]),
      assignee: wire.relationships[KEYS.assignee]?.values[0],
      description: text(wire.fields[KEYS.description]),
      webLink: wire.httpLink ?? undefined,
      createdAt: wire.createdAt,
      updatedAt: wire.updatedAt ?? undefined,
      fields,
    };
  }

  /** A task answer, read with the definitions: a request that needs none to be sent goes out beside them, not after. */
  private async readTask(what: string, vocabulary: Promise<Vocabulary>, answer: Promise<LightfieldTask>): Promise<Task> {
    const [words, wire] = await Promise.all([vocabulary, answer]);
    this.noteUnreadable(what, [wire], false);
    return this.toTask(wire, words);
  }

  async checkKey(options: CallOptions = {}): Promise<Account> {
    const info = await this.http.request({ method: 'GET', path: '/v1/auth/validate', category: 'read', schema: keyInfoSchema, ...options });
    // An empty scope list means full access.
    const can = (scope: string) => info.scopes.length === 0 || info.scopes.includes(scope);
    return {
      active: info.active,
      canCreate: can('tasks:create'),
      canUpdate: can('tasks:update'),
      canReadMembers: can('members:read'),
      summary: `${info.subjectType} key, scopes: ${info.scopes.length ? info.scopes.join(', ') : 'all'}`,
    };
  }

  async describeTasks(options: CallOptions = {}): Promise<TaskDescription> {
    await this.vocabulary(options);
    // The form shows the service's fields as they are now, not as remembered.
    const { definitions, optionOf } = await (this.freshRead ?? this.vocabulary(options)).catch(() => this.vocabulary(options));
    const fields: FieldDescription[] = [];
    for (const [key, definition] of Object.entries(definitions.fieldDefinitions)) {
      const config = definition.typeConfiguration ?? {};
      fields.push({
        key,
        kind: 'field',
        label: definition.label,
        description: definition.description ?? undefined,
        valueType: definition.valueType,
        multiple: definition.valueType === 'MULTI_SELECT' || definition.valueType === 'TELEPHONE' || (definition.valueType === 'EMAIL' && config.multipleValues === true),
        options: config.options?.map((option) => ({ id: option.id, label: option.label })),
        currency: config.currency ?? undefined,
        handleService: config.handleService ?? undefined,
        readOnly: definition.readOnly === true,
        requiredOnCreate: REQUIRED_ON_CREATE.has(key),
        requiredOnEdit: REQUIRED_ON_EDIT.has(key),
        role: ROLES[key],
        initial: key === KEYS.status ? (optionOf.get('TODO') ?? null) : undefined,
      });
    }
    for (const [key, definition] of Object.entries(definitions.relationshipDefinitions)) {
      fields.push({
        key,
        kind: 'relationship',
        label: definition.label,
        description: definition.description ?? undefined,
        valueType: 'RELATIONSHIP',
        multiple: definition.cardinality === 'HAS_MANY',
        objectType: definition.objectType,
        idPrefix: ID_PREFIXES[definition.objectType],
        readOnly: READ_ONLY_RELATIONSHIPS.has(key),
        requiredOnCreate: REQUIRED_ON_CREATE.has(key),
        requiredOnEdit: REQUIRED_ON_EDIT.has(key),
        role: ROLES[key],
      });
    }
    const rank = (key: string) => (LEADING.includes(key) ? LEADING.indexOf(key) : LEADING.length);
    return { fields: fields.sort((a, b) => rank(a.key) - rank(b.key)) };
  }

  private filters(query: TaskQuery, words: Pick<Vocabulary, 'option' | 'slug'>): ListFilter[] {
    const filters: ListFilter[] = [];
    if (query.status) filters.push({ key: KEYS.status, operator: 'equal', value: words.option(query.status) });
    // Relationship filters name the relationship by its slug, which varies per organisation.
    if (query.assignee) filters.push({ key: words.slug(KEYS.assignee), operator: 'contains', value: query.assignee });
    if (query.titlePrefix) filters.push({ key: KEYS.title, operator: 'startsWith', value: query.titlePrefix });
    return filters;
  }

  listTasks(query: TaskQuery = {}, options: CallOptions = {}): Promise<TaskPage> {
    const words = this.vocabulary(options);
    if (!this.known && !query.assignee) return this.listBeforeDefinitions(query, words, options);
    return this.withVocabulary(options, (words) => this.listWith(query, words, options));
  }

  /**
   * A connection's first lists go out with its first definitions read, not after
   * it: they guess that a status's option ID spells the status, as the seeds'
   * values do. The definitions then say whether it did; if not, the list is asked
   * again with the real option. (An assignee filter needs the definitions' slug.)
   */
  private async listBeforeDefinitions(query: TaskQuery, vocabulary: Promise<Vocabulary>, options: CallOptions): Promise<TaskPage> {
    const guessed = { option: (status: TaskStatus) => status, slug: (key: string) => key };
    const guess = this.requestPage(query, this.filters(query, guessed), options).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
    const [words, answer] = await Promise.all([vocabulary, guess]);
    // A wrong guess's answer, or its refusal, says nothing about the real option.
    if (query.status && words.optionOf.get(query.status) !== query.status) return this.listWith(query, words, options);
    if ('error' in answer) throw answer.error;
    return this.toPage(query, answer.page, words);
  }

  private async listWith(query: TaskQuery, words: Vocabulary, options: CallOptions): Promise<TaskPage> {
    return this.toPage(query, await this.requestPage(query, this.filters(query, words), options), words);
  }

  private async requestPage(query: TaskQuery, filters: ListFilter[], options: CallOptions): Promise<TaskPageWire> {
    const page = await this.http.request({
      method: 'GET',
      path: '/v1/tasks',
      category: 'search',
      schema: taskPageSchema,
      query: { ...pageQuery(query), ...filterQuery(filters) },
      ...options,
    });
    this.noteUnreadable('GET /v1/tasks', page.data, true);
    return page;
  }

  private toPage(query: TaskQuery, page: TaskPageWire, words: Vocabulary): TaskPage {
    const offset = query.offset ?? 0;
    const full = page.data.length === (query.limit ?? MAX_PAGE_SIZE);
    return { tasks: page.data.map((task) => this.toTask(task, words)), total: page.totalCount, hasMore: full && offset + page.data.length < page.totalCount };
  }

  listAllTasks(query: Omit<TaskQuery, 'offset' | 'limit'> = {}, options: CallOptions = {}): Promise<Task[]> {
    return collectAllPages(
      async (offset, limit) => {
        const page = await this.listTasks({ ...query, offset, limit }, options);
        return { items: page.tasks, total: page.total };
      },
      MAX_PAGE_SIZE,
      LIST_CONCURRENCY,
      options.signal,
    );
  }

  getTask(id: string, options: CallOptions = {}): Promise<Task> {
    const path = `/v1/tasks/${encodeURIComponent(id)}`;
    return this.readTask('GET /v1/tasks/{id}', this.vocabulary(options), this.http.request({ method: 'GET', path, category: 'read', schema: taskSchema, ...options }));
  }

  createTask(draft: TaskDraft, options: WriteOptions = {}): Promise<Task> {
    const vocabulary = this.vocabulary(options);
    const body = vocabulary.then((words) => this.toCreate(draft, words));
    return this.readTask('POST /v1/tasks', vocabulary, body.then((create) => this.http.request({ method: 'POST', path: '/v1/tasks', category: 'write', schema: taskSchema, body: create, ...options })));
  }

  updateTask(id: string, patch: TaskPatch, options: WriteOptions = {}): Promise<Task> {
    const path = `/v1/tasks/${encodeURIComponent(id)}`;
    const vocabulary = this.vocabulary(options);
    const body = vocabulary.then((words) => this.toUpdate(patch, words));
    return this.readTask('POST /v1/tasks/{id}', vocabulary, body.then((update) => this.http.request({ method: 'POST', path, category: 'write', schema: taskSchema, body: update, ...options })));
  }

  /** A patch's values by wire key: its named properties, then the described fields it sets. */
  private valuesOf(patch: TaskPatch, words: Vocabulary): Record<string, WritableValue> {
    const values: Record<string, WritableValue> = {};
    if (patch.title !== undefined) values[KEYS.title] = patch.title;
    if (patch.status !== undefined) values[KEYS.status] = words.option(patch.status);
    if (patch.dueAt !== undefined) values[KEYS.dueAt] = patch.dueAt;
    if (patch.assignee !== undefined) values[KEYS.assignee] = [patch.assignee];
    if (patch.description !== undefined) values[KEYS.description] = patch.description;
    return { ...values, ...patch.values };
  }

  /** Fields by value (`null` clears); a relationship as one `replace`, as the API asks ("one of add, remove, or replace"). */
  private toUpdate(patch: TaskPatch, words: Vocabulary): TaskUpdate {
    const update: TaskUpdate = {};
    for (const [key, value] of Object.entries(this.valuesOf(patch, words))) {
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
  private toCreate(draft: TaskDraft, words: Vocabulary): TaskCreate {
    const create: TaskCreate = { fields: {}, relationships: {} };
    for (const [key, value] of Object.entries(this.valuesOf(draft, words))) {
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

  async listMembers(options: CallOptions = {}): Promise<Member[]> {
    const members = await collectAllPages(
      async (offset, limit) => {
        const page = await this.http.request({ method: 'GET', path: '/v1/members', category: 'search', schema: memberPageSchema, query: { offset, limit }, ...options });
        this.noteUnreadable('GET /v1/members', page.data, true);
        return { items: page.data, total: page.totalCount };
      },
      MAX_PAGE_SIZE,
      LIST_CONCURRENCY,
      options.signal,
    );
    return members.map(memberOf);
  }

  /** Lightfield tasks belong to nothing in particular. */
  searchParents(): Promise<ParentChoice[]> {
    return Promise.resolve([]);
  }
}

function idsOf(value: WritableValue): string[] {
  if (Array.isArray(value)) return value;
  return typeof value === 'string' && value ? [value] : [];
}

function pageQuery(query: Pick<TaskQuery, 'offset' | 'limit'>): Record<string, number> {
  const result: Record<string, number> = {};
  if (query.offset !== undefined) result.offset = query.offset;
  if (query.limit !== undefined) result.limit = query.limit;
  return result;
}

