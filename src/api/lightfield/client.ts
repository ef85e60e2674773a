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
  type NamedRecord,
  type ParentChoice,
  STATUS_LABELS,
  TASK_STATUSES,
  type Task,
  type TaskDescription,
  type TaskDraft,
  type TaskPage,
  type TaskPatch,
  type TaskQuery,
  type TaskStatus,
} from '../domain';
import { unknown } from 'zod/mini';
import { alreadyGone, ApiError, FILTER_UNSUPPORTED } from '../errors';
import type { ServiceHttp } from '../http';
import { collectAllPages } from '../paging';
import type { CallOptions, ProviderOptions, TaskProvider, WriteOptions } from '../provider';
import { type Field, type FullName, isUnreadable, type WritableValue } from '../values';
import { lightfieldHttp } from './http';
import {
  keyInfoSchema,
  type ListFilter,
  memberPageSchema,
  memberSchema,
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
  kindLabels: {},
  totals: true,
  idempotentWrites: true,
  trash: true,
  namedRecords: ['account', 'opportunity'],
  filters: { status: true, assignee: true, titlePrefix: true },
  maxPageSize: MAX_PAGE_SIZE,
  // `$dueAt` is a DATETIME: an instant.
  dueDays: false,
  descriptions: true,
  taskIdPattern: 'tsk_[A-Za-z0-9]+',
  key: { placeholder: 'sk_lf_…', prefix: 'sk_lf_', where: 'Create a key in Lightfield under Settings → API keys.' },
};

/** The documented system keys, the only ones this adapter names. */
const KEYS = { title: '$title', status: '$status', dueAt: '$dueAt', assignee: '$assignedTo', description: '$description', createdBy: '$createdBy' } as const;
/** Where each named object type's records are read and searched. */
const RECORD_PATHS: Record<string, string> = { account: '/v1/accounts', opportunity: '/v1/opportunities' };
/** Relationship IDs one request may reference, across all its relationships. */
const RELATIONSHIP_WRITE_LIMIT = 25;
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

/** Words an organisation may label a status with, squashed; the documented literal itself included. */
const STATUS_WORDS: Record<TaskStatus, readonly string[]> = {
  TODO: ['todo', 'open', 'new', 'notstarted', 'backlog', 'pending'],
  IN_PROGRESS: ['inprogress', 'doing', 'started', 'active', 'ongoing', 'working'],
  COMPLETE: ['complete', 'completed', 'done', 'finished', 'closed', 'resolved'],
  CANCELLED: ['cancelled', 'canceled', 'abandoned', 'dropped', 'wontdo', 'void'],
};

/** The status a literal, an option ID or a label names, if any. */
function statusNamed(text: string): TaskStatus | undefined {
  const word = squash(text);
  return TASK_STATUSES.find((status) => STATUS_WORDS[status].includes(word));
}

/** The documented literals as options, for a `$status` definition that lists none. */
const LITERAL_OPTIONS = TASK_STATUSES.map((status) => ({ id: status, label: STATUS_LABELS[status] }));

/**
 * What the definitions say, read for translation: the `$status` options both
 * ways, and which keys are relationships. The docs leave open whether a stored
 * status is a documented literal or an option ID, and options' IDs and labels
 * need not spell the status: an option is matched by ID, then by label; a stored
 * value by option ID, then as a literal, then by label; a write sends the option
 * ID where one matches and the literal otherwise.
 */
class Vocabulary {
  private readonly statusOfOption = new Map<string, TaskStatus>();
  readonly optionOf = new Map<TaskStatus, string>();
  /** How the service stores a status, where the options alone do not tell: learned from the tasks it returns. */
  storedAs: 'option' | 'literal' | undefined;
  /** One look at the stored form per vocabulary, shared by the lists that need it. */
  storageRead: Promise<void> | undefined;
  private readonly unmatched = new Set<string>();
  /** Labels of the `$status` options that name none of the product's statuses ("Blocked", say). */
  readonly unnamedOptions: string[] = [];

  constructor(
    readonly definitions: TaskDefinitions,
    private readonly log?: (line: string) => void,
  ) {
    for (const option of this.statusOptions()) {
      const status = statusNamed(option.id) ?? statusNamed(option.label);
      if (!status) this.unnamedOptions.push(option.label);
      if (!status || this.optionOf.has(status)) continue;
      this.statusOfOption.set(option.id, status);
      this.optionOf.set(status, option.id);
    }
    // Options that spell the statuses (or none at all): a stored value reads the same either way.
    if ([...this.optionOf].every(([status, id]) => status === id)) this.storedAs = 'literal';
  }

  /** The `$status` options as the definitions list them, or the literals where they list none. */
  statusOptions(): readonly { id: string; label: string }[] {
    const options = this.definitions.fieldDefinitions[KEYS.status]?.typeConfiguration?.options;
    return options && options.length > 0 ? options : LITERAL_OPTIONS;
  }

  /** A stored status; one that names none is logged once (the task shows without a status). */
  statusOf(value: string): TaskStatus | undefined {
    const byOption = this.statusOfOption.get(value);
    if (byOption && byOption !== value) this.storedAs ??= 'option';
    const literal = TASK_STATUSES.find((status) => status === value);
    if (literal && this.optionOf.get(literal) !== literal) this.storedAs ??= 'literal';
    const status = byOption ?? literal ?? statusNamed(value);
    if (!status && !this.unmatched.has(value)) {
      this.unmatched.add(value);
      this.log?.(`A task's $status "${value}" is neither an option of the $status definition nor a documented status; such tasks show without a status.`);
    }
    return status;
  }

  isRelationship(key: string): boolean {
    return key in this.definitions.relationshipDefinitions;
  }

  /** What a status is written as: its option's ID where one matches, else the documented literal. */
  written(status: TaskStatus): string {
    return this.optionOf.get(status) ?? status;
  }

  /** What a status filter compares with: the form the service stores (an option's ID unless seen otherwise). */
  filtered(status: TaskStatus): string {
    return this.storedAs === 'literal' ? status : this.written(status);
  }

  slug(key: string): string {
    const slug = this.definitions.relationshipDefinitions[key]?.slug;
    if (!slug) throw new ApiError({ kind: 'config', code: FILTER_UNSUPPORTED, message: `Tasks cannot be filtered by ${key}: its definition names no slug.` });
    return slug;
  }
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

function memberOf(member: LightfieldMember): Member {
  return { id: member.id, name: nameOf(member) };
}

function namedRecordOf(entity: LightfieldMember): NamedRecord {
  return { id: entity.id, name: nameOf(entity), webLink: entity.httpLink ?? undefined };
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
  /** Linked records' names, by route and ID. */
  private readonly recordNames = new Map<string, Promise<NamedRecord | undefined>>();

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
    this.vocabularyRead = Promise.resolve(new Vocabulary(remembered.data, this.log));
    fresh.catch(() => undefined);
    return this.vocabularyRead;
  }

  private readDefinitions(options: CallOptions): Promise<Vocabulary> {
    const read = this.http.request({ method: 'GET', path: '/v1/tasks/definitions', category: 'read', schema: taskDefinitionsSchema, ...options }).then((definitions) => {
      this.memory?.write(definitions);
      this.remembered = false;
      this.known = true;
      return new Vocabulary(definitions, this.log);
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
      canRead: can('tasks:read'),
      canCreate: can('tasks:create'),
      canUpdate: can('tasks:update'),
      canDelete: can('tasks:delete'),
      canReadMembers: can('members:read'),
      summary: `${info.subjectType} key, scopes: ${info.scopes.length ? info.scopes.join(', ') : 'all'}`,
    };
  }

  async describeTasks(options: CallOptions = {}): Promise<TaskDescription> {
    await this.vocabulary(options);
    // The form shows the service's fields as they are now, not as remembered.
    const words = await (this.freshRead ?? this.vocabulary(options)).catch(() => this.vocabulary(options));
    const { definitions } = words;
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
        options: (key === KEYS.status ? words.statusOptions() : config.options)?.map((option) => ({ id: option.id, label: option.label })),
        currency: config.currency ?? undefined,
        handleService: config.handleService ?? undefined,
        // HTML is the service's own rendering: shown (sanitised), never edited here.
        readOnly: definition.readOnly === true || definition.valueType === 'HTML',
        requiredOnCreate: REQUIRED_ON_CREATE.has(key),
        requiredOnEdit: REQUIRED_ON_EDIT.has(key),
        role: ROLES[key],
        initial: key === KEYS.status ? words.written('TODO') : undefined,
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
        // The typed update names only $account, $assignedTo and $opportunity: who created a task is set once.
        createOnly: key === KEYS.createdBy,
        requiredOnCreate: REQUIRED_ON_CREATE.has(key),
        requiredOnEdit: REQUIRED_ON_EDIT.has(key),
        role: ROLES[key],
      });
    }
    const rank = (key: string) => (LEADING.includes(key) ? LEADING.indexOf(key) : LEADING.length);
    return { fields: fields.sort((a, b) => rank(a.key) - rank(b.key)) };
  }

  private filters(query: TaskQuery, words: Pick<Vocabulary, 'filtered' | 'slug'>): ListFilter[] {
    const filters: ListFilter[] = [];
    if (query.status) filters.push({ key: KEYS.status, operator: 'equal', value: words.filtered(query.status) });
    // Relationship filters name the relationship by its slug, which varies per organisation.
    if (query.assignee) filters.push({ key: words.slug(KEYS.assignee), operator: 'contains', value: query.assignee });
    if (query.titlePrefix) filters.push({ key: KEYS.title, operator: 'startsWith', value: query.titlePrefix });
    return filters;
  }

  listTasks(query: TaskQuery = {}, options: CallOptions = {}): Promise<TaskPage> {
    const words = this.vocabulary(options);
    const listed = !this.known && !query.assignee ? this.listBeforeDefinitions(query, words, options) : this.withVocabulary(options, (words) => this.listWith(query, words, options));
    return listed.catch(refusedFilter);
  }

  /**
   * A connection's first lists go out with its first definitions read, not after
   * it: they guess that a status is stored as its literal, as the seeds' values
   * are. The definitions (and the tasks the guess returned) then say whether it
   * was; if not, the list is asked again in the stored form. (An assignee filter
   * needs the definitions' slug.)
   */
  private async listBeforeDefinitions(query: TaskQuery, vocabulary: Promise<Vocabulary>, options: CallOptions): Promise<TaskPage> {
    const guessed = { filtered: (status: TaskStatus) => status, slug: (key: string) => key };
    const guess = this.requestPage(query, this.filters(query, guessed), options).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
    const [words, answer] = await Promise.all([vocabulary, guess]);
    const read = 'page' in answer ? this.toPage(query, answer.page, words) : undefined;
    if (query.status) {
      if (words.unnamedOptions.length > 0) return this.listWith(query, words, options);
      await this.learnStorage(words, options);
      // A wrong guess's answer, or its refusal, says nothing about the real filter.
      if (words.filtered(query.status) !== query.status) return this.listWith(query, words, options);
    }
    if ('error' in answer) throw answer.error;
    return read!;
  }

  private async listWith(query: TaskQuery, words: Vocabulary, options: CallOptions): Promise<TaskPage> {
    if (query.status) {
      // Lists by status would never show the tasks of a status the product has no group for: the caller groups them.
      if (words.unnamedOptions.length > 0) {
        throw new ApiError({ kind: 'config', code: FILTER_UNSUPPORTED, message: `Lightfield's task statuses include ${words.unnamedOptions.map((label) => `"${label}"`).join(', ')}, which names none of To do, In progress, Complete or Cancelled` });
      }
      await this.learnStorage(words, options);
    }
    return this.toPage(query, await this.requestPage(query, this.filters(query, words), options), words);
  }

  /**
   * Where the options do not tell how a status is stored (their IDs do not spell
   * the statuses), one page of tasks without a status filter does; with no task to
   * tell, the option's ID (which Lightfield's own plugin writes) is assumed.
   */
  private learnStorage(words: Vocabulary, options: CallOptions): Promise<void> {
    if (words.storedAs !== undefined) return Promise.resolve();
    words.storageRead ??= this.requestPage({ limit: MAX_PAGE_SIZE }, [], options).then(
      (page) => {
        for (const task of page.data) this.toTask(task, words);
        words.storedAs ??= 'option';
        this.log?.(`Lightfield stores task statuses as ${words.storedAs === 'option' ? 'option IDs' : 'the documented literals'} here.`);
      },
      (error: unknown) => {
        words.storageRead = undefined;
        throw error;
      },
    );
    return words.storageRead;
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

  /** Moves the task to Lightfield's trash (restorable in the web app); a task already gone is deleted all the same. */
  async deleteTask(id: string, options: CallOptions = {}): Promise<void> {
    const path = `/v1/tasks/${encodeURIComponent(id)}`;
    await this.http.request({ method: 'DELETE', path, category: 'write', schema: unknown(), ...options }).catch(alreadyGone);
  }

  /** A patch's values by wire key: its named properties, then the described fields it sets. */
  private valuesOf(patch: TaskPatch, words: Vocabulary): Record<string, WritableValue> {
    const values: Record<string, WritableValue> = {};
    if (patch.title !== undefined) values[KEYS.title] = patch.title;
    if (patch.status !== undefined) values[KEYS.status] = words.written(patch.status);
    if (patch.dueAt !== undefined) values[KEYS.dueAt] = patch.dueAt;
    if (patch.assignee !== undefined) values[KEYS.assignee] = [patch.assignee];
    if (patch.description !== undefined) values[KEYS.description] = patch.description;
    return { ...values, ...patch.values };
  }

  /** Fields by value (`null` clears); a relationship as one `replace`, as the API asks ("one of add, remove, or replace"). */
  private toUpdate(patch: TaskPatch, words: Vocabulary): TaskUpdate {
    checkLinkCount(this.valuesOf(patch, words), words);
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
    checkLinkCount(this.valuesOf(draft, words), words);
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

  /**
   * Accounts' and opportunities' names, one read each (there is no batch read), in
   * parallel within the rate limit and kept for this adapter's life; a record the
   * key may not read, or that is gone (403, 404), keeps its ID.
   */
  async nameRecords(objectType: string, ids: readonly string[], options: CallOptions = {}): Promise<NamedRecord[]> {
    const path = RECORD_PATHS[objectType];
    if (!path) return [];
    const named = await Promise.all(ids.map((id) => this.recordName(path, id, options)));
    return named.filter((record): record is NamedRecord => record !== undefined);
  }

  private recordName(path: string, id: string, options: CallOptions): Promise<NamedRecord | undefined> {
    const key = `${path}/${id}`;
    let read = this.recordNames.get(key);
    if (!read) {
      read = this.http.request({ method: 'GET', path: `${path}/${encodeURIComponent(id)}`, category: 'read', schema: memberSchema, ...options }).then(namedRecordOf, (error: unknown) => {
        // Any other failure is asked again next time.
        if (!(error instanceof ApiError && (error.status === 403 || error.status === 404))) this.recordNames.delete(key);
        return undefined;
      });
      this.recordNames.set(key, read);
    }
    return read;
  }

  async searchRecords(objectType: string, text: string, options: CallOptions = {}): Promise<NamedRecord[]> {
    const path = RECORD_PATHS[objectType];
    if (!path || !text.trim()) return [];
    const page = await this.http.request({ method: 'GET', path, category: 'search', schema: memberPageSchema, query: { limit: MAX_PAGE_SIZE, ...filterQuery([{ key: '$name', operator: 'startsWith', value: text }]) }, ...options });
    return page.data.map(namedRecordOf);
  }

  /** Lightfield tasks belong to nothing in particular. */
  searchParents(): Promise<ParentChoice[]> {
    return Promise.resolve([]);
  }
}

/** A list filter the service refused (the task pages document none; a guessed slug is a 400): the caller filters itself. */
function refusedFilter(error: unknown): never {
  if (error instanceof ApiError && error.status === 400 && (error.code === 'unknown_relationship' || error.code === 'unknown_field')) {
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

function pageQuery(query: Pick<TaskQuery, 'offset' | 'limit'>): Record<string, number> {
  const result: Record<string, number> = {};
  if (query.offset !== undefined) result.offset = query.offset;
  if (query.limit !== undefined) result.limit = query.limit;
  return result;
}

