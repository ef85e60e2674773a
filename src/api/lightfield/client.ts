import {
  isUnreadable,
  type KeyInfo,
  keyInfoSchema,
  type ListFilter,
  type ListQuery,
  type Member,
  type MemberPage,
  memberPageSchema,
  memberSchema,
  type Task,
  type TaskCreate,
  type TaskDefinitions,
  taskDefinitionsSchema,
  type TaskPage,
  taskPageSchema,
  taskSchema,
  type TaskUpdate,
} from '../model';
import { ApiError } from '../errors';
import { collectAllPages } from '../paging';
import type { CallOptions, TaskProvider, WriteOptions } from '../provider';
import { LightfieldHttp, type LightfieldHttpOptions } from './http';

/** The service's page size ceiling. */
export const MAX_PAGE_SIZE = 25;
/** Pages in flight at once while listing everything; the rate limiter paces them further. */
const LIST_CONCURRENCY = 6;

/** Lightfield's list filters travel as `key[operator]=value`; a leading `-` on the operator negates it. */
export function filterQuery(filters: readonly ListFilter[] = []): Record<string, string> {
  const query: Record<string, string> = {};
  for (const filter of filters) {
    query[`${filter.key}[${filter.negate ? '-' : ''}${filter.operator}]`] = filter.value;
  }
  return query;
}

export class LightfieldProvider implements TaskProvider {
  private readonly http: LightfieldHttp;
  private readonly log: ((line: string) => void) | undefined;
  private slugs: Promise<Map<string, string | undefined>> | undefined;

  constructor(options: LightfieldHttpOptions) {
    this.http = new LightfieldHttp(options);
    this.log = options.log;
  }

  /**
   * Fields that could not be read as their type says do not fail the answer (they
   * show read-only); their paths go to the log, e.g. `data[2].fields.estimate`.
   */
  private noteUnreadable<T extends { fields: Task['fields'] }>(what: string, entities: T[], listed: boolean): void {
    entities.forEach((entity, index) => {
      for (const [key, field] of Object.entries(entity.fields)) {
        if (isUnreadable(field)) this.log?.(`${what}: ${listed ? `data[${index}].` : ''}fields.${key}: ${field.problem}`);
      }
    });
  }

  private async read<T extends { fields: Task['fields'] }>(what: string, call: Promise<T>): Promise<T> {
    const entity = await call;
    this.noteUnreadable(what, [entity], false);
    return entity;
  }

  private async readPage<T extends { data: { fields: Task['fields'] }[] }>(what: string, call: Promise<T>): Promise<T> {
    const page = await call;
    this.noteUnreadable(what, page.data, true);
    return page;
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  validateKey(options: CallOptions = {}): Promise<KeyInfo> {
    return this.http.request({ method: 'GET', path: '/v1/auth/validate', category: 'read', schema: keyInfoSchema, ...options });
  }

  definitions(options: CallOptions = {}): Promise<TaskDefinitions> {
    return this.http.request({
      method: 'GET',
      path: '/v1/tasks/definitions',
      category: 'read',
      schema: taskDefinitionsSchema,
      ...options,
    });
  }

  async listTasks(query: ListQuery = {}, options: CallOptions = {}): Promise<TaskPage> {
    const filters = await this.withSlugs(query.filters ?? [], options);
    return this.readPage('GET /v1/tasks', this.http.request({
      method: 'GET',
      path: '/v1/tasks',
      category: 'search',
      schema: taskPageSchema,
      query: { ...pageQuery(query), ...filterQuery(filters) },
      ...options,
    }));
  }

  /**
   * Relationship filters name the relationship by its definition's slug, which
   * varies per organisation: read it from the definitions (once), never guess it.
   */
  private async withSlugs(filters: readonly ListFilter[], options: CallOptions): Promise<ListFilter[]> {
    if (!filters.some((filter) => filter.relationship)) return [...filters];
    this.slugs ??= this.definitions(options).then(
      (definitions) => new Map(Object.entries(definitions.relationshipDefinitions).map(([key, definition]) => [key, definition.slug ?? undefined])),
      (error: unknown) => {
        this.slugs = undefined;
        throw error;
      },
    );
    const slugs = await this.slugs;
    return filters.map((filter) => {
      if (!filter.relationship) return filter;
      const slug = slugs.get(filter.key);
      if (!slug) throw new ApiError({ kind: 'config', message: `Tasks cannot be filtered by ${filter.key}: its definition names no slug.` });
      return { key: slug, operator: filter.operator, value: filter.value, negate: filter.negate };
    });
  }

  listAllTasks(query: Omit<ListQuery, 'offset' | 'limit'> = {}, options: CallOptions = {}): Promise<Task[]> {
    return collectAllPages(
      (offset, limit) => this.listTasks({ ...query, offset, limit }, options),
      MAX_PAGE_SIZE,
      LIST_CONCURRENCY,
      options.signal,
    );
  }

  getTask(id: string, options: CallOptions = {}): Promise<Task> {
    return this.read('GET /v1/tasks/{id}', this.http.request({ method: 'GET', path: `/v1/tasks/${encodeURIComponent(id)}`, category: 'read', schema: taskSchema, ...options }));
  }

  createTask(input: TaskCreate, options: WriteOptions = {}): Promise<Task> {
    return this.read('POST /v1/tasks', this.http.request({ method: 'POST', path: '/v1/tasks', category: 'write', schema: taskSchema, body: input, ...options }));
  }

  updateTask(id: string, input: TaskUpdate, options: WriteOptions = {}): Promise<Task> {
    return this.read('POST /v1/tasks/{id}', this.http.request({
      method: 'POST',
      path: `/v1/tasks/${encodeURIComponent(id)}`,
      category: 'write',
      schema: taskSchema,
      body: input,
      ...options,
    }));
  }

  listMembers(query: Omit<ListQuery, 'filters'> = {}, options: CallOptions = {}): Promise<MemberPage> {
    return this.readPage('GET /v1/members', this.http.request({
      method: 'GET',
      path: '/v1/members',
      category: 'search',
      schema: memberPageSchema,
      query: pageQuery(query),
      ...options,
    }));
  }

  listAllMembers(options: CallOptions = {}): Promise<Member[]> {
    return collectAllPages(
      (offset, limit) => this.listMembers({ offset, limit }, options),
      MAX_PAGE_SIZE,
      LIST_CONCURRENCY,
      options.signal,
    );
  }

  getMember(id: string, options: CallOptions = {}): Promise<Member> {
    return this.http.request({ method: 'GET', path: `/v1/members/${encodeURIComponent(id)}`, category: 'read', schema: memberSchema, ...options });
  }
}

function pageQuery(query: Pick<ListQuery, 'offset' | 'limit'>): Record<string, number> {
  const result: Record<string, number> = {};
  if (query.offset !== undefined) {
    result.offset = query.offset;
  }
  if (query.limit !== undefined) {
    result.limit = query.limit;
  }
  return result;
}
