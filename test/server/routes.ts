import { type Member, type Task, type TaskDefinitions } from '../../src/api/lightfield/schemas';
import { fieldSchema } from '../../src/api/values';
import { type StatusReading, writtenStatus } from './definitions';
import { parseFilters, type RelationshipFilters } from './filters';
import { HttpError } from './httpError';
import { taskId, type TaskIdStyle } from './random';
import type { Category } from './rateLimit';
import { type SampleData, taskEntity } from './sampleData';
import type { TaskIndex } from './taskIndex';
import { createRelationships, updateRelationships, type WriteContext, writeFields } from './taskWrites';

export interface ServerState {
  definitions: TaskDefinitions;
  members: Member[];
  accounts: string[];
  records: SampleData['records'];
  index: TaskIndex;
  random: () => number;
  now: () => number;
  linkBase: string;
  ignoreFilters: boolean;
  relationshipFilters: RelationshipFilters;
  statusReading: StatusReading;
  taskIds: TaskIdStyle;
}

export interface Caller {
  key: string;
  scopes: string[];
  memberId: string;
}

export interface RouteContext {
  state: ServerState;
  caller: Caller;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  category: Category;
  scope?: string;
  handle: (ctx: RouteContext) => { status: number; body: unknown };
}

const MAX_LIMIT = 25;

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new HttpError(400, `"${name}" must be an integer from ${min} to ${max}.`, 'invalid_type', name);
  }
  return value;
}

function page<T>(items: T[], query: URLSearchParams) {
  const limit = integerParam(query, 'limit', MAX_LIMIT, 1, MAX_LIMIT);
  const offset = integerParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  return { object: 'list', data: items.slice(offset, offset + limit), totalCount: items.length };
}

function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

function writeContext(state: ServerState): WriteContext {
  return {
    definitions: state.definitions,
    status: (written) => writtenStatus(state.definitions, state.statusReading, written),
    exists: (objectType, id) =>
      objectType === 'member' ? state.members.some((m) => m.id === id) : objectType === 'account' || objectType === 'opportunity' ? state.records[objectType].some((record) => record.id === id) : false,
  };
}

function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'The request body must be a JSON object.', 'invalid_type');
  }
  return body as Record<string, unknown>;
}

function findTask(state: ServerState, id: string): Task {
  const task = state.index.get(id);
  if (!task) throw new HttpError(404, `No task with ID ${id}.`);
  return task;
}

/** ISO time strictly after `previous`, so every update moves `updatedAt`. */
function nextTimestamp(now: number, previous: string | null | undefined): string {
  const last = previous ? Date.parse(previous) : 0;
  return new Date(Math.max(now, last + 1)).toISOString();
}

export const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/auth\/validate$/,
    category: 'read',
    handle: ({ caller }) => ({ status: 200, body: { active: true, scopes: caller.scopes, subjectType: 'user', tokenType: 'api_key' } }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/tasks\/definitions$/,
    category: 'read',
    scope: 'tasks:read',
    handle: ({ state }) => ({ status: 200, body: state.definitions }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/tasks$/,
    category: 'search',
    scope: 'tasks:read',
    handle: ({ state, query }) => {
      const matches = state.ignoreFilters ? () => true : parseFilters(state.definitions, query, state.relationshipFilters);
      return { status: 200, body: page(state.index.listed().filter(matches).sort(newestFirst), query) };
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/tasks$/,
    category: 'write',
    scope: 'tasks:create',
    handle: ({ state, caller, body }) => {
      const input = bodyObject(body);
      const ctx = writeContext(state);
      const fields = writeFields(ctx, input.fields ?? {}, ['$title', '$status']);
      const links = createRelationships(ctx, input.relationships);
      links.$createdBy ??= [caller.memberId];
      const task = taskEntity(state.definitions, taskId(state.taskIds, state.random), fields, links, new Date(state.now()).toISOString(), state.linkBase);
      state.index.put(task);
      return { status: 200, body: task };
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/tasks\/(?<id>[^/]+)$/,
    category: 'read',
    scope: 'tasks:read',
    handle: ({ state, params }) => ({ status: 200, body: findTask(state, params.id) }),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/tasks\/(?<id>[^/]+)$/,
    category: 'write',
    scope: 'tasks:update',
    handle: ({ state, params, body }) => {
      const task = findTask(state, params.id);
      const input = bodyObject(body);
      const ctx = writeContext(state);
      const fields = writeFields(ctx, input.fields, []);
      const links = updateRelationships(ctx, task, input.relationships);
      const updated: Task = structuredClone(task);
      for (const [key, value] of Object.entries(fields)) {
        updated.fields[key] = fieldSchema.parse({ valueType: state.definitions.fieldDefinitions[key].valueType, value });
      }
      for (const [key, values] of Object.entries(links)) {
        updated.relationships[key] = { ...updated.relationships[key], values };
      }
      updated.updatedAt = nextTimestamp(state.now(), task.updatedAt);
      state.index.put(updated);
      return { status: 200, body: updated };
    },
  },
  {
    // Moves the task to the trash (restorable in the web app); deleting a trashed task is a no-op that returns the record.
    method: 'DELETE',
    pattern: /^\/v1\/tasks\/(?<id>[^/]+)$/,
    category: 'write',
    scope: 'tasks:delete',
    handle: ({ state, params }) => {
      const trashed = state.index.trashed(params.id);
      if (trashed) return { status: 200, body: trashed };
      const task = findTask(state, params.id);
      state.index.trash(task.id);
      return { status: 200, body: task };
    },
  },
  ...(['account', 'opportunity'] as const).flatMap((kind): Route[] => {
    const plural = `${kind === 'account' ? 'accounts' : 'opportunities'}`;
    return [
      {
        // The list filters as the List methods page says: `$name[startsWith]=...` (a TEXT field), `$name` alone is `equal`.
        method: 'GET',
        pattern: new RegExp(`^/v1/${plural}$`),
        category: 'search',
        scope: `${plural}:read`,
        handle: ({ state, query }) => {
          const startsWith = query.get('$name[startsWith]');
          const equal = query.get('$name') ?? query.get('$name[equal]');
          const nameOf = (record: Member) => { const name = record.fields.$name?.value; return typeof name === 'string' ? name : ''; };
          const matching = state.records[kind].filter((record) => (startsWith === null || nameOf(record).startsWith(startsWith)) && (equal === null || nameOf(record) === equal));
          return { status: 200, body: page([...matching].sort(newestFirst), query) };
        },
      },
      {
        method: 'GET',
        pattern: new RegExp(`^/v1/${plural}/(?<id>[^/]+)$`),
        category: 'read',
        scope: `${plural}:read`,
        handle: ({ state, params }) => {
          const record = state.records[kind].find((each) => each.id === params.id);
          if (!record) throw new HttpError(404, `No ${kind} with ID ${params.id}.`);
          return { status: 200, body: record };
        },
      },
    ];
  }),
  {
    method: 'GET',
    pattern: /^\/v1\/members$/,
    category: 'search',
    scope: 'members:read',
    handle: ({ state, query }) => ({ status: 200, body: page([...state.members].sort(newestFirst), query) }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/members\/(?<id>[^/]+)$/,
    category: 'read',
    scope: 'members:read',
    handle: ({ state, params }) => {
      const member = state.members.find((m) => m.id === params.id);
      if (!member) throw new HttpError(404, `No member with ID ${params.id}.`);
      return { status: 200, body: member };
    },
  },
];
