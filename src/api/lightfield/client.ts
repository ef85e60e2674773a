/**
 * The Lightfield adapter: the domain's tasks, queries and patches to and from
 * Lightfield's entities, whose fields and relationships its definitions describe
 * (definitions.ts keeps them, vocabulary.ts reads them, description.ts makes the
 * editor's fields of them, translation.ts speaks the wire).
 */
import type { Account, Member, NamedRecord, ParentChoice, Task, TaskDescription, TaskDraft, TaskPage, TaskPatch, TaskQuery } from '../domain';
import { unknown } from 'zod/mini';
import { alreadyGone, ApiError, FILTER_UNSUPPORTED } from '../errors';
import type { ServiceHttp } from '../http';
import { collectAllPages, listEveryTask } from '../paging';
import type { CallOptions, ProviderOptions, TaskProvider, WriteOptions } from '../provider';
import { type Field, isUnreadable } from '../values';
import { LIGHTFIELD_CAPABILITIES, LIST_CONCURRENCY, MAX_PAGE_SIZE, RECORD_PATHS } from './capabilities';
import { Definitions } from './definitions';
import { describeFields } from './description';
import { lightfieldHttp } from './http';
import { keyInfoSchema, type ListFilter, memberPageSchema, memberSchema, type Task as LightfieldTask, type TaskPage as TaskPageWire, taskPageSchema, taskSchema } from './schemas';
import { filterQuery, GUESSED_WORDS, memberOf, namedRecordOf, pageQuery, refusedFilter, taskFilters, toCreate, toPage, toTask, toUpdate } from './translation';
import type { Vocabulary } from './vocabulary';

export { filterQuery };

export class LightfieldProvider implements TaskProvider {
  readonly capabilities = LIGHTFIELD_CAPABILITIES;
  private readonly http: ServiceHttp;
  private readonly log: ((line: string) => void) | undefined;
  private readonly definitions: Definitions;
  /** Linked records' names, by route and ID. */
  private readonly recordNames = new Map<string, Promise<NamedRecord | undefined>>();

  constructor(options: ProviderOptions) {
    this.http = lightfieldHttp(options);
    this.log = options.log;
    this.definitions = new Definitions(this.http, options.log, options.memory);
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

  /** A task answer, read with the definitions: a request that needs none to be sent goes out beside them, not after. */
  private async readTask(what: string, vocabulary: Promise<Vocabulary>, answer: Promise<LightfieldTask>): Promise<Task> {
    const [words, wire] = await Promise.all([vocabulary, answer]);
    this.noteUnreadable(what, [wire], false);
    return toTask(wire, words);
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
    return describeFields(await this.definitions.current(options));
  }

  listTasks(query: TaskQuery = {}, options: CallOptions = {}): Promise<TaskPage> {
    const words = this.definitions.vocabulary(options);
    const listed = !this.definitions.known && !query.assignee ? this.listBeforeDefinitions(query, words, options) : this.definitions.use(options, (words) => this.listWith(query, words, options));
    return listed.catch((error: unknown) => refusedFilter(error, query));
  }

  /**
   * A connection's first lists go out with its first definitions read, not after
   * it: they guess that a status is stored as its literal, as the seeds' values
   * are. The definitions (and the tasks the guess returned) then say whether it
   * was; if not, the list is asked again in the stored form. (An assignee filter
   * needs the definitions' slug.)
   */
  private async listBeforeDefinitions(query: TaskQuery, vocabulary: Promise<Vocabulary>, options: CallOptions): Promise<TaskPage> {
    const guess = this.requestPage(query, taskFilters(query, GUESSED_WORDS), options).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
    const [words, answer] = await Promise.all([vocabulary, guess]);
    const read = 'page' in answer ? toPage(query, answer.page, words) : undefined;
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
    return toPage(query, await this.requestPage(query, taskFilters(query, words), options), words);
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
        for (const task of page.data) toTask(task, words);
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

  listAllTasks(query: Omit<TaskQuery, 'offset' | 'limit'> = {}, options: CallOptions = {}): Promise<Task[]> {
    return listEveryTask((each, callOptions) => this.listTasks(each, callOptions), query, options, MAX_PAGE_SIZE, LIST_CONCURRENCY);
  }

  getTask(id: string, options: CallOptions = {}): Promise<Task> {
    const path = `/v1/tasks/${encodeURIComponent(id)}`;
    return this.readTask('GET /v1/tasks/{id}', this.definitions.vocabulary(options), this.http.request({ method: 'GET', path, category: 'read', schema: taskSchema, ...options }));
  }

  createTask(draft: TaskDraft, options: WriteOptions = {}): Promise<Task> {
    const vocabulary = this.definitions.vocabulary(options);
    const body = vocabulary.then((words) => toCreate(draft, words));
    return this.readTask('POST /v1/tasks', vocabulary, body.then((create) => this.http.request({ method: 'POST', path: '/v1/tasks', category: 'write', schema: taskSchema, body: create, ...options })));
  }

  updateTask(id: string, patch: TaskPatch, options: WriteOptions = {}): Promise<Task> {
    const path = `/v1/tasks/${encodeURIComponent(id)}`;
    const vocabulary = this.definitions.vocabulary(options);
    const body = vocabulary.then((words) => toUpdate(patch, words));
    return this.readTask('POST /v1/tasks/{id}', vocabulary, body.then((update) => this.http.request({ method: 'POST', path, category: 'write', schema: taskSchema, body: update, ...options })));
  }

  /** Moves the task to Lightfield's trash (restorable in the web app); a task already gone is deleted all the same. */
  async deleteTask(id: string, options: CallOptions = {}): Promise<void> {
    const path = `/v1/tasks/${encodeURIComponent(id)}`;
    await this.http.request({ method: 'DELETE', path, category: 'write', schema: unknown(), ...options }).catch(alreadyGone);
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
