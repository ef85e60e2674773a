/**
 * A Close-compatible HTTP server for tests and the demo, written from Close's
 * public reference (the seed's "Update a task", resources/tasks, pagination,
 * time zone offsets, advanced filtering and rate limits): HTTP Basic auth with
 * the key as user name, `{ data, has_more }` pages, the task resource of
 * closeTasks.ts, users of all the user's organisations, organisations with their
 * memberships, leads found by `POST /data/search/` (or the deprecated `?query=`),
 * errors as `{ error, errors, field-errors }`, a `RateLimit` header per endpoint
 * group and 429 with `Retry-After`. Faults as in the Lightfield server.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { faultControl, type FaultRates, Faults } from '../faults';
import { header, readBody, type Reply, send } from '../http';
import { DEFAULT_CLOSE_KEY } from '../keys';
import { seededRandom } from '../random';
import { clockOf } from './closeCalendar';
import { buildCloseData, type CloseLead, type CloseOrganization, type CloseTask, type CloseUser } from './closeData';
import { CloseError, CloseRateLimited } from './closeErrors';
import { searchLeads } from './closeSearch';
import { CloseTaskBook, type TaskListRules } from './closeTasks';

export { DEFAULT_CLOSE_KEY };

export interface CloseServerOptions extends Partial<TaskListRules> {
  host?: string;
  port?: number;
  tasks?: number;
  seed?: number;
  key?: string;
  /** The user's time zone as set in Close, for requests without `X-TZ-Offset` (default: this machine's). */
  timeZone?: string;
  /** `legacy`: `POST /data/search/` is refused (a plan or a server without it); leads are found only by `?query=`. */
  leadSearch?: 'advanced' | 'legacy';
  /** A plan's limit on tasks: a create beyond it is refused with 402. */
  taskLimit?: number;
  /** Requests per endpoint group in each window. */
  rateLimit?: number;
  rateWindowSeconds?: number;
  faults?: Partial<FaultRates>;
}

/** The least kind readings of what Close's pages leave open: lists in no order unless one is asked for, a small `_skip` cap, no advanced search. */
export const CLOSE_LEAST_KIND: Pick<CloseServerOptions, 'unorderedLists' | 'maxSkip' | 'leadSearch'> = { unorderedLists: true, maxSkip: 50, leadSearch: 'legacy' };

export interface CloseServer {
  url: string;
  users: CloseUser[];
  organizations: CloseOrganization[];
  leads: CloseLead[];
  tasks: Map<string, CloseTask>;
  /** The user's zone as set in Close. */
  timeZone: string;
  faults: Faults;
  requests: { method: string; path: string; status?: number; tzOffset?: string }[];
  close(): Promise<void>;
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
    if (window.used > this.limit) throw new CloseRateLimited(this.limit, this.windowMs / 1000, reset, { ...headers, 'Retry-After': String(reset) });
    return headers;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function startCloseServer(options: CloseServerOptions = {}): Promise<CloseServer> {
  const seed = options.seed ?? 42;
  const key = options.key ?? DEFAULT_CLOSE_KEY;
  const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const data = buildCloseData({ tasks: options.tasks ?? 60, seed, now: Date.now(), clock: { zone: timeZone } });
  const me = data.users[0];
  const limits = new GroupRateLimit(options.rateLimit ?? 100, (options.rateWindowSeconds ?? 1) * 1000);
  const book = new CloseTaskBook(data, me, { maxSkip: options.maxSkip ?? 250, unorderedLists: options.unorderedLists ?? false }, seededRandom(seed + 1));

  function authenticate(req: IncomingMessage): void {
    const match = /^Basic (\S+)$/.exec(header(req, 'authorization') ?? '');
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    // The key is the user name; the password is empty.
    if (decoded !== `${key}:`) throw new CloseError(401, 'Unauthorized.');
  }

  function route(req: IncomingMessage, path: string, query: URLSearchParams, body: unknown): { group: Group; run: () => Reply } {
    const method = req.method ?? 'GET';
    const clock = clockOf(header(req, 'x-tz-offset'), timeZone);
    const json = (status: number, value: unknown): Reply => ({ status, headers: {}, body: value });
    const object = () => {
      if (!isPlainObject(body)) throw new CloseError(400, 'The request body must be a JSON object.');
      return body;
    };
    if (method === 'GET' && path === '/api/v1/me/') return { group: 'other', run: () => json(200, { ...me, organizations: data.organizations.filter((org) => org.memberships.some((m) => m.user_id === me.id)).map(({ id, name }) => ({ id, name })) }) };
    if (method === 'GET' && path === '/api/v1/user/') return { group: 'other', run: () => json(200, { data: data.users, has_more: false }) };
    const organization = /^\/api\/v1\/organization\/([^/]+)\/$/.exec(path);
    if (method === 'GET' && organization) {
      return {
        group: 'other',
        run: () => {
          const found = data.organizations.find((org) => org.id === decodeURIComponent(organization[1]) && org.memberships.some((m) => m.user_id === me.id));
          if (!found) throw new CloseError(404, 'Empty query: Organization matching query does not exist.');
          return json(200, found);
        },
      };
    }
    if (method === 'GET' && path === '/api/v1/lead/') {
      // Deprecated since 2022-02-14, still answered.
      const text = (query.get('query') ?? '').toLowerCase();
      return { group: 'other', run: () => json(200, { data: data.leads.filter((lead) => lead.display_name.toLowerCase().includes(text)).slice(0, Number(query.get('_limit') ?? 100)), has_more: false }) };
    }
    if (method === 'POST' && path === '/api/v1/data/search/') {
      return {
        group: 'other',
        run: () => {
          if (options.leadSearch === 'legacy') throw new CloseError(403, 'The Advanced Filtering API is not available to this organization.');
          return json(200, searchLeads(data.leads, object()));
        },
      };
    }
    if (method === 'GET' && path === '/api/v1/task/') return { group: 'task-read', run: () => json(200, book.list(query, clock)) };
    if (method === 'POST' && path === '/api/v1/task/') {
      return {
        group: 'task-write',
        run: () => {
          if (options.taskLimit !== undefined && book.tasks.size >= options.taskLimit) throw new CloseError(402, `Your plan allows ${options.taskLimit} tasks; upgrade it to add more.`);
          return json(200, book.create(object(), clock));
        },
      };
    }
    const one = /^\/api\/v1\/task\/([^/]+)\/$/.exec(path);
    const id = one ? decodeURIComponent(one[1]) : '';
    if (one && method === 'GET') return { group: 'task-read', run: () => json(200, book.find(id)) };
    if (one && method === 'DELETE') {
      return {
        group: 'task-write',
        run: () => {
          book.delete(id);
          return json(200, {});
        },
      };
    }
    if (one && method === 'PUT') {
      return {
        group: 'task-write',
        run: () => {
          book.update(id, object());
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
      const record: CloseServer['requests'][number] = { method, path: target.pathname + target.search, tzOffset: header(req, 'x-tz-offset') };
      const control = faultControl(api.faults, method, target.pathname, text);
      if (control) return send(res, control);
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
        const { group, run } = route(req, target.pathname, target.searchParams, text ? (JSON.parse(text) as unknown) : undefined);
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
    organizations: data.organizations,
    leads: data.leads,
    tasks: book.tasks,
    timeZone,
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
