/**
 * A Close-compatible HTTP server for tests and the demo, written from Close's
 * public reference (the seed's "Update a task", resources/tasks, pagination and
 * rate limits): HTTP Basic auth with the key as user name, `{ data, has_more }`
 * pages with `_skip`/`_limit`, lead tasks only unless `_type=all`, an empty 200
 * for an update, errors as `{ error, field-errors }`, a `RateLimit` header per
 * endpoint group and 429 with `Retry-After`. Faults as in the Lightfield server.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type FaultRates, Faults } from '../faults';
import { header, readBody, type Reply, send } from '../http';
import { DEFAULT_CLOSE_KEY } from '../keys';

export { DEFAULT_CLOSE_KEY };
import { randomId, seededRandom } from '../random';
import { buildCloseData, type CloseLead, type CloseTask, type CloseUser, TASK_TYPES, userName } from './closeData';

const MAX_LIMIT = 100;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface CloseServerOptions {
  host?: string;
  port?: number;
  tasks?: number;
  seed?: number;
  key?: string;
  /** Requests per endpoint group in each window. */
  rateLimit?: number;
  rateWindowSeconds?: number;
  faults?: Partial<FaultRates>;
}

export interface CloseServer {
  url: string;
  users: CloseUser[];
  leads: CloseLead[];
  tasks: Map<string, CloseTask>;
  faults: Faults;
  requests: { method: string; path: string; status?: number }[];
  close(): Promise<void>;
}

class CloseError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors?: Record<string, string>,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get body() {
    return { error: this.message, ...(this.fieldErrors ? { 'field-errors': this.fieldErrors } : {}), ...this.extra };
  }
}

type Group = 'task-read' | 'task-write' | 'other';

/** Fixed windows per endpoint group, reported as `RateLimit: limit=…, remaining=…, reset=…` (seconds). */
class GroupRateLimit {
  private readonly windows = new Map<Group, { start: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  take(group: Group, now: number): Record<string, string> {
    let window = this.windows.get(group);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(group, window);
    }
    window.used += 1;
    const reset = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    const headers = { RateLimit: `limit=${this.limit}, remaining=${Math.max(0, this.limit - window.used)}, reset=${reset}` };
    if (window.used > this.limit) {
      throw new CloseError(429, 'API rate limit exceeded.', undefined, { ...headers, 'Retry-After': String(reset) }, { rate_reset: reset });
    }
    return headers;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integer(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new CloseError(400, `${name} must be an integer from 0 to ${max}.`, { [name]: 'Invalid value.' });
  return Number(raw);
}

export async function startCloseServer(options: CloseServerOptions = {}): Promise<CloseServer> {
  const seed = options.seed ?? 42;
  const key = options.key ?? DEFAULT_CLOSE_KEY;
  const data = buildCloseData({ tasks: options.tasks ?? 60, seed, now: Date.now() });
  const me = data.users[0];
  const random = seededRandom(seed + 1);
  const limits = new GroupRateLimit(options.rateLimit ?? 100, (options.rateWindowSeconds ?? 1) * 1000);
  const tasks = new Map(data.tasks.map((task) => [task.id, task]));

  function authenticate(req: IncomingMessage): void {
    const match = /^Basic (\S+)$/.exec(header(req, 'authorization') ?? '');
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    // The key is the user name; the password is empty.
    if (decoded !== `${key}:`) throw new CloseError(401, 'Unauthorized.');
  }

  function findTask(id: string): CloseTask {
    const task = tasks.get(id);
    if (!task) throw new CloseError(404, 'Empty query: Task matching query does not exist.');
    return task;
  }

  function checkDate(name: string, value: unknown, errors: Record<string, string>): void {
    // The seed's schema does not let `date` be null: a date is cleared with `is_dateless`.
    if (value === null && name === 'date') errors[name] = 'This field may not be null.';
    else if (value !== null && (typeof value !== 'string' || !(DATE.test(value) || DATE_TIME.test(value)) || Number.isNaN(Date.parse(value)))) {
      errors[name] = 'Enter a valid date or date-time.';
    }
  }

  /** The writable properties of an update, checked; `text` only on lead tasks. */
  function applyUpdate(task: CloseTask, body: Record<string, unknown>): CloseTask {
    const errors: Record<string, string> = {};
    const next = { ...task };
    for (const [name, value] of Object.entries(body)) {
      switch (name) {
        case 'assigned_to': {
          const user = data.users.find((u) => u.id === value);
          if (!user) errors[name] = 'Select a valid user.';
          else Object.assign(next, { assigned_to: user.id, assigned_to_name: userName(user) });
          break;
        }
        case 'date':
        case 'due_date':
          checkDate(name, value, errors);
          next[name] = value as string | null;
          break;
        case 'is_complete':
        case 'is_dateless':
          if (typeof value !== 'boolean') errors[name] = 'Must be a boolean.';
          else next[name] = value;
          break;
        case 'text':
          if (task._type !== 'lead') errors.text = 'The text of a task can only be changed on lead tasks.';
          else if (typeof value !== 'string' || !value.trim()) errors.text = 'This field may not be blank.';
          else next.text = value;
          break;
        case 'priority':
          if (value !== 'high' && value !== 'medium') errors.priority = 'Must be high or medium.';
          else next.priority = value;
          break;
        case 'resolution':
          if (value !== null && value !== 'abandoned' && value !== 'skipped') errors.resolution = 'Must be abandoned, skipped or null.';
          else next.resolution = value;
          break;
        default:
          errors[name] = 'This field cannot be updated.';
      }
    }
    if (Object.keys(errors).length > 0) throw new CloseError(400, 'Invalid request.', errors);
    return { ...next, updated_by: me.id, date_updated: new Date().toISOString() };
  }

  function createTask(body: Record<string, unknown>): CloseTask {
    const errors: Record<string, string> = {};
    const type = body._type ?? 'lead';
    if (type !== 'lead' && type !== 'outgoing_call') errors._type = 'Tasks can be created of type lead or outgoing_call.';
    const lead = data.leads.find((l) => l.id === body.lead_id);
    if (!lead) errors.lead_id = 'Select a valid lead.';
    if (type === 'lead' && (typeof body.text !== 'string' || !body.text.trim())) errors.text = 'This field is required.';
    const assignee = body.assigned_to === undefined ? me : data.users.find((u) => u.id === body.assigned_to);
    if (!assignee) errors.assigned_to = 'Select a valid user.';
    if (body.date !== undefined) checkDate('date', body.date, errors);
    if (Object.keys(errors).length > 0 || !lead || !assignee) throw new CloseError(400, 'Invalid request.', errors);
    const now = new Date().toISOString();
    const task: CloseTask = {
      id: randomId('task_', random),
      _type: type === 'outgoing_call' ? 'outgoing_call' : 'lead',
      text: typeof body.text === 'string' ? body.text : '',
      lead_id: lead.id,
      lead_name: lead.display_name,
      contact_id: null,
      assigned_to: assignee.id,
      assigned_to_name: userName(assignee),
      // Dateless, it keeps its creation day, as Close's tasks do.
      date: typeof body.date === 'string' ? body.date : now.slice(0, 10),
      due_date: null,
      is_complete: body.is_complete === true,
      is_dateless: body.date === undefined || body.date === null,
      priority: null,
      resolution: null,
      created_by: me.id,
      updated_by: me.id,
      date_created: now,
      date_updated: now,
    };
    tasks.set(task.id, task);
    return task;
  }

  function listTasks(query: URLSearchParams): unknown {
    const type = query.get('_type') ?? 'lead';
    if (type !== 'all' && !(TASK_TYPES as readonly string[]).includes(type)) throw new CloseError(400, 'Invalid request.', { _type: 'Unknown task type.' });
    const complete = query.get('is_complete');
    const matching = [...tasks.values()]
      .filter((task) => type === 'all' || task._type === type)
      .filter((task) => complete === null || String(task.is_complete) === complete)
      .filter((task) => !query.get('assigned_to') || task.assigned_to === query.get('assigned_to'))
      .filter((task) => !query.get('lead_id') || task.lead_id === query.get('lead_id'))
      .sort((a, b) => b.date_created.localeCompare(a.date_created) || a.id.localeCompare(b.id));
    const skip = integer(query, '_skip', 0, Number.MAX_SAFE_INTEGER);
    const limit = integer(query, '_limit', MAX_LIMIT, MAX_LIMIT);
    return { data: matching.slice(skip, skip + limit), has_more: skip + limit < matching.length };
  }

  function route(method: string, path: string, query: URLSearchParams, body: unknown): { group: Group; run: () => Reply } {
    const json = (status: number, value: unknown): Reply => ({ status, headers: {}, body: value });
    const object = () => {
      if (!isPlainObject(body)) throw new CloseError(400, 'The request body must be a JSON object.');
      return body;
    };
    if (method === 'GET' && path === '/api/v1/me/') return { group: 'other', run: () => json(200, me) };
    if (method === 'GET' && path === '/api/v1/user/') return { group: 'other', run: () => json(200, { data: data.users, has_more: false }) };
    if (method === 'GET' && path === '/api/v1/lead/') {
      const text = (query.get('query') ?? '').toLowerCase();
      return { group: 'other', run: () => json(200, { data: data.leads.filter((lead) => lead.display_name.toLowerCase().includes(text)), has_more: false }) };
    }
    if (method === 'GET' && path === '/api/v1/task/') return { group: 'task-read', run: () => json(200, listTasks(query)) };
    if (method === 'POST' && path === '/api/v1/task/') return { group: 'task-write', run: () => json(200, createTask(object())) };
    const one = /^\/api\/v1\/task\/([^/]+)\/$/.exec(path);
    if (one && method === 'GET') return { group: 'task-read', run: () => json(200, findTask(decodeURIComponent(one[1]))) };
    if (one && method === 'DELETE') {
      return {
        group: 'task-write',
        run: () => {
          const task = findTask(decodeURIComponent(one[1]));
          tasks.delete(task.id);
          return json(200, {});
        },
      };
    }
    if (one && method === 'PUT') {
      return {
        group: 'task-write',
        run: () => {
          const task = findTask(decodeURIComponent(one[1]));
          tasks.set(task.id, applyUpdate(task, object()));
          // The seed documents the update's 200 answer as an empty body.
          return json(200, {});
        },
      };
    }
    throw new CloseError(404, 'Not found.');
  }

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const target = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      const record: CloseServer['requests'][number] = { method, path: target.pathname + target.search };
      api.requests.push(record);
      const fault = api.faults.draw(method, target.pathname);
      if (fault?.kind === 'drop-before') return void req.socket.destroy();
      if (fault?.kind === 'reply') {
        record.status = fault.status;
        return void res.writeHead(fault.status, { 'Content-Type': 'application/json' }).end(fault.text);
      }
      if (fault?.kind === 'status') {
        record.status = fault.status;
        return send(res, { status: fault.status, headers: {}, body: new CloseError(fault.status, fault.message ?? 'Injected failure.', fault.fieldErrors).body });
      }
      let reply: Reply;
      let headers: Record<string, string> = {};
      try {
        const { group, run } = route(method, target.pathname, target.searchParams, text ? (JSON.parse(text) as unknown) : undefined);
        headers = limits.take(group, Date.now());
        authenticate(req);
        await delay(api.faults.rates.latencyMs);
        reply = run();
      } catch (error) {
        const refusal = error instanceof CloseError ? error : error instanceof SyntaxError ? new CloseError(400, 'The request body is not valid JSON.') : new CloseError(500, String(error));
        reply = { status: refusal.status, headers: refusal.headers, body: refusal.body };
      }
      if (fault?.kind === 'drop-after') return void req.socket.destroy();
      record.status = reply.status;
      if (fault?.kind === 'malformed') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data": [{"id": ');
      const body = fault?.kind === 'mutate' ? fault.mutate(structuredClone(reply.body)) : reply.body;
      send(res, { ...reply, body, headers: { ...headers, ...reply.headers } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const api: CloseServer = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    users: data.users,
    leads: data.leads,
    tasks,
    faults: new Faults(options.faults ?? {}, seed),
    requests: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
