import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { type Member, type TaskDefinitions } from '../../src/api/lightfield/schemas';
import { buildDefinitions, EXTRA_STATUS_ID, type StatusReading } from './definitions';
import type { RelationshipFilters } from './filters';
import { faultControl, type FaultRates, Faults } from './faults';
import { HttpError } from './httpError';
import { header, readBody, type Reply, send } from './http';
import { IdempotencyStore } from './idempotency';
import { seededRandom, type TaskIdStyle } from './random';
import { ServerRateLimit } from './rateLimit';
import { type Caller, ROUTES, type ServerState } from './routes';
import { buildSampleData, type SampleData } from './sampleData';
import { TaskIndex } from './taskIndex';

export const API_VERSION = '2026-03-01';
import { DEFAULT_KEY } from './keys';

export { DEFAULT_KEY };

export interface ServerKey {
  key: string;
  /** Empty means full access, as on the real service. */
  scopes?: string[];
  /** Which sample member the key acts as (index into the members). */
  memberIndex?: number;
}

export interface LightfieldServerOptions {
  host?: string;
  port?: number;
  tasks?: number;
  seed?: number;
  keys?: ServerKey[];
  /** Custom fields of every value type; off by default, since tasks document only system fields. */
  customFields?: boolean;
  /** The least kind reading of an undocumented feature: the task list ignores field filters. */
  ignoreFilters?: boolean;
  /**
   * How the task list takes relationship filters, where the task pages are silent:
   * by the definitions' slugs (the plugin's reading, the default), `noSlugs` (the
   * definitions name none, as the Go SDK's do), `refused` (any relationship filter is a
   * 400 `unknown_relationship`), `assigneeIgnored` (the assignee's is ignored, the others applied).
   */
  relationshipFilters?: RelationshipFilters;
  /** How `$status` is described and stored (see `StatusReading`); `seeds` by default. */
  statusReading?: StatusReading;
  /** A `$status` option of the organisation's own, with this label, that names none of the four statuses; every seventh task has it. */
  extraStatus?: string;
  /** Task IDs with our guessed `tsk_` prefix (the default) or `bare`: no page shows a real one. */
  taskIds?: TaskIdStyle;
  indexLagMs?: number;
  rateLimitPerSecond?: number;
  faults?: Partial<FaultRates>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
  /** The status answered; unset when the connection was dropped. */
  status?: number;
}

export interface LightfieldServer {
  url: string;
  definitions: TaskDefinitions;
  members: Member[];
  accounts: string[];
  /** Accounts and opportunities, with their names. */
  records: SampleData['records'];
  index: TaskIndex;
  faults: Faults;
  rateLimit: ServerRateLimit;
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  /** The most requests that were being handled at one time. */
  peakConcurrency: number;
  /** Creates and updates actually applied (idempotent replays not counted), by task ID. */
  appliedWrites: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Every reading the docs allow where they are silent, at once, each the least kind:
 * statuses stored as literals beside opaque options labelled otherwise, relationship
 * filters refused, task IDs without a prefix, and a rate limit below the documented 25.
 */
export const LEAST_KIND: Pick<LightfieldServerOptions, 'statusReading' | 'relationshipFilters' | 'taskIds' | 'rateLimitPerSecond'> = {
  statusReading: 'literals',
  relationshipFilters: 'refused',
  taskIds: 'bare',
  rateLimitPerSecond: 10,
};

/** Starts a stateful Lightfield-compatible server on loopback. */
export async function startLightfieldServer(options: LightfieldServerOptions = {}): Promise<LightfieldServer> {
  const seed = options.seed ?? 42;
  const now = Date.now;
  const keys = new Map((options.keys ?? [{ key: DEFAULT_KEY }]).map((k) => [k.key, k]));
  const statusReading = options.statusReading ?? 'seeds';
  const relationshipFilters = options.relationshipFilters ?? 'slugs';
  const definitions = buildDefinitions({ customFields: options.customFields ?? false, seed, statusReading, slugs: relationshipFilters !== 'noSlugs', extraStatus: options.extraStatus });
  const index = new TaskIndex(now);
  const idempotency = new IdempotencyStore(now);
  let inFlight = 0;

  const server = createServer((req, res) => {
    inFlight += 1;
    api.peakConcurrency = Math.max(api.peakConcurrency, inFlight);
    handle(req, res)
      .catch((error: unknown) => send(res, { status: 500, headers: {}, body: new HttpError(500, String(error)).body }))
      .finally(() => {
        inFlight -= 1;
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const sample = buildSampleData({ tasks: options.tasks ?? 200, seed, now: now(), definitions, statusReading, taskIds: options.taskIds ?? 'prefixed', linkBase: `${url}/app` });
  for (const [position, task] of sample.tasks.entries()) {
    if (options.extraStatus !== undefined && position % 7 === 6) task.fields.$status = { valueType: 'SINGLE_SELECT', value: EXTRA_STATUS_ID };
    index.put(task);
  }
  index.lagMs = options.indexLagMs ?? 0;

  const state: ServerState = {
    definitions,
    members: sample.members,
    accounts: sample.accounts,
    records: sample.records,
    index,
    random: seededRandom(seed + 1),
    now,
    linkBase: `${url}/app`,
    ignoreFilters: options.ignoreFilters ?? false,
    relationshipFilters,
    statusReading,
    taskIds: options.taskIds ?? 'prefixed',
  };
  const api: LightfieldServer = {
    url,
    definitions,
    members: sample.members,
    accounts: sample.accounts,
    records: sample.records,
    index,
    faults: new Faults(options.faults ?? {}, seed),
    rateLimit: new ServerRateLimit(options.rateLimitPerSecond ?? 25, now),
    requests: [],
    peakConcurrency: 0,
    appliedWrites: new Map(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const target = new URL(req.url ?? '/', url);
    const method = req.method ?? 'GET';
    const record: RecordedRequest = { method, path: target.pathname + target.search, headers: req.headers, body: text, at: now() };
    api.requests.push(record);
    if (method === 'GET' && target.pathname.startsWith('/app/')) {
      sendWebPage(res, target.pathname);
      return;
    }
    if (target.pathname.startsWith('/_test/')) {
      send(res, testControl(method, target.pathname, text));
      return;
    }
    const fault = api.faults.draw(method, target.pathname);
    if (fault?.kind === 'drop-before') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      record.status = fault.status;
      send(res, { status: fault.status, headers, body: new HttpError(fault.status, fault.message ?? 'Injected failure.', fault.code, fault.param).body });
      return;
    }
    if (fault?.kind === 'reply') {
      record.status = fault.status;
      res.writeHead(fault.status, { 'Content-Type': 'application/json' }).end(fault.text);
      return;
    }
    const reply = await respond(req, method, target, text);
    if (fault?.kind === 'drop-after') {
      req.socket.destroy();
      return;
    }
    record.status = reply.status;
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data": [{"id": ');
      return;
    }
    send(res, fault?.kind === 'mutate' ? { ...reply, body: fault.mutate(structuredClone(reply.body)) } : reply);
  }

  async function respond(req: IncomingMessage, method: string, target: URL, text: string): Promise<Reply> {
    let headers: Record<string, string> = {};
    try {
      // Every answer carries the rate-limit headers, a 401 and an unknown route's 404 included.
      const matched = matchRoute(method, target.pathname);
      headers = api.rateLimit.take(matched?.route.category ?? 'read');
      if (!matched) throw new HttpError(404, `No route for ${method} ${target.pathname}.`);
      const { route, params } = matched;
      const caller = authenticate(req);
      if (req.headers['lightfield-version'] !== API_VERSION) {
        throw new HttpError(400, `The Lightfield-Version header must be ${API_VERSION}.`, 'version_header', 'Lightfield-Version');
      }
      if (route.scope && caller.scopes.length > 0 && !caller.scopes.includes(route.scope)) {
        throw new HttpError(403, `This API key lacks the ${route.scope} scope.`);
      }
      const body = method === 'POST' ? parseJsonBody(req, text) : undefined;
      const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : undefined;
      const operation = params.id === undefined ? 'create' : 'update';
      const replay = idempotencyKey === undefined ? undefined : idempotency.claim(operation, idempotencyKey);
      if (replay) {
        return { status: replay.status, headers: { ...headers, 'Idempotent-Replayed': 'true' }, body: replay.body };
      }
      let result: { status: number; body: unknown };
      try {
        await delay(api.faults.rates.latencyMs);
        result = route.handle({ state, caller, params, query: target.searchParams, body });
      } catch (error) {
        if (idempotencyKey !== undefined) idempotency.release(operation, idempotencyKey);
        if (!(error instanceof HttpError)) throw error;
        result = { status: error.status, body: error.body };
      }
      if (idempotencyKey !== undefined) idempotency.complete(operation, idempotencyKey, result);
      if (method === 'POST' && result.status === 200) {
        const id = (result.body as { id: string }).id;
        api.appliedWrites.set(id, (api.appliedWrites.get(id) ?? 0) + 1);
      }
      return { ...result, headers };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return { status: error.status, headers: { ...headers, ...error.headers }, body: error.body };
    }
  }

  /**
   * Switches for tests that run in another process (the extension host): not part
   * of Lightfield's API, and never called by the extension.
   */
  function testControl(method: string, path: string, text: string): Reply {
    const faultReply = faultControl(api.faults, method, path, text);
    if (faultReply) return faultReply;
    if (method === 'POST' && path === '/_test/ignore-filters') {
      state.ignoreFilters = (JSON.parse(text || '{}') as { on?: boolean }).on === true;
      return { status: 204, headers: {}, body: null };
    }
    if (method === 'GET' && path === '/_test/stats') {
      const recent = api.requests.slice(-20).map((r) => `${r.method} ${r.path} ${r.status ?? 'dropped'}`);
      // Requests per configured key, in the order the keys were given (never the keys themselves), so a test can tell whose key was used.
      const bearers = api.requests.map((r) => /^Bearer (\S+)$/.exec(String(r.headers.authorization ?? ''))?.[1]);
      const requestsPerKey = [...keys.keys()].map((key) => bearers.filter((bearer) => bearer === key).length);
      return { status: 200, headers: {}, body: { appliedWrites: Object.fromEntries(api.appliedWrites), recent, requestsPerKey } };
    }
    return { status: 404, headers: {}, body: new HttpError(404, 'No such test control.').body };
  }

  function authenticate(req: IncomingMessage): Caller {
    const match = /^Bearer (\S+)$/.exec(header(req, 'authorization') ?? '');
    const entry = match ? keys.get(match[1]) : undefined;
    if (!entry) {
      throw new HttpError(401, 'Missing or invalid API key.');
    }
    return { key: entry.key, scopes: entry.scopes ?? [], memberId: state.members[entry.memberIndex ?? 0].id };
  }

  return api;
}

/** The stand-in for an entity's page in the Lightfield web app, where `httpLink` points. */
function sendWebPage(res: ServerResponse, path: string): void {
  const [, kind, id] = /^\/app\/(tasks|members)\/([^/]+)$/.exec(path) ?? [];
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = kind ? `<h1>${escape(decodeURIComponent(id))}</h1><p>The ${kind === 'tasks' ? 'task' : 'member'}'s page in the Lightfield web app.</p>` : '<h1>Not found</h1>';
  res.writeHead(kind ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'" }).end(`<!doctype html><title>Lightfield</title>${body}`);
}

function matchRoute(method: string, path: string) {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match && route.method === method) {
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { route, params };
    }
  }
  return undefined;
}

function parseJsonBody(req: IncomingMessage, text: string): unknown {
  if (!(header(req, 'content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new HttpError(415, 'Requests with a body must be sent as Content-Type: application/json.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.', 'invalid_type');
  }
}
