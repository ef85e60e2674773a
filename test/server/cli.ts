/**
 * `npm run server -- --port 0 --tasks 200 --latency 0 --key sk_lf_local`
 * `npm run server -- --service close --port 0 ...` starts the Close-compatible server instead.
 * Prints the listening line first, then serves until stopped.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CLOSE_KEY, startCloseServer } from './close/closeServer';
import { STATUS_READINGS, type StatusReading } from './definitions';
import { RELATIONSHIP_FILTERS, type RelationshipFilters } from './filters';
import { DEFAULT_KEY, LEAST_KIND, startLightfieldServer } from './server';

const { values } = parseArgs({
  options: {
    service: { type: 'string', default: 'lightfield' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    tasks: { type: 'string', default: '200' },
    latency: { type: 'string', default: '0' },
    key: { type: 'string', default: DEFAULT_KEY },
    scopes: { type: 'string', default: '' },
    seed: { type: 'string', default: '42' },
    'index-lag': { type: 'string', default: '0' },
    'rate-limit': { type: 'string', default: '25' },
    'error-rate': { type: 'string', default: '0' },
    'drop-rate': { type: 'string', default: '0' },
    'malformed-rate': { type: 'string', default: '0' },
    'custom-fields': { type: 'boolean', default: false },
    'ignore-filters': { type: 'boolean', default: false },
    'status-reading': { type: 'string', default: 'seeds' },
    'bare-task-ids': { type: 'boolean', default: false },
    'relationship-filters': { type: 'string', default: 'slugs' },
    'least-kind': { type: 'boolean', default: false },
  },
});

function number(name: keyof typeof values): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} must be a non-negative number, not "${String(values[name])}".`);
    process.exit(2);
  }
  return value;
}

/** The value of a switch that takes one of `allowed`; anything else stops with a message. */
function choice<T extends string>(name: 'status-reading' | 'relationship-filters', allowed: readonly T[]): T {
  const picked = allowed.find((each) => each === values[name]);
  if (!picked) {
    console.error(`--${name} must be one of ${allowed.join(', ')}, not "${values[name]}".`);
    process.exit(2);
  }
  return picked;
}

/** `--service close`: the local Close-compatible server instead; it takes --port, --host, --tasks, --seed, --latency and --key. */
async function startClose(): Promise<void> {
  const key = values.key === DEFAULT_KEY ? DEFAULT_CLOSE_KEY : values.key;
  const server = await startCloseServer({ host: values.host, port: number('port'), tasks: number('tasks'), seed: number('seed'), key, faults: { latencyMs: number('latency') } });
  console.log(`Close-compatible server listening on ${server.url}`);
  console.log(`${key === DEFAULT_CLOSE_KEY ? `API key: ${DEFAULT_CLOSE_KEY}` : 'API key: the one given with --key'} · ${server.tasks.size} tasks · ${server.users.length} users · Ctrl+C to stop`);
  stopOnSignal(() => server.close());
}

function stopOnSignal(close: () => Promise<void>): void {
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (values.service === 'close') return startClose();
  if (values.service !== 'lightfield') {
    console.error(`--service must be lightfield or close, not "${values.service}".`);
    process.exit(2);
  }
  const server = await startLightfieldServer({
  host: values.host,
  port: number('port'),
  tasks: number('tasks'),
  seed: number('seed'),
  keys: [{ key: values.key, scopes: values.scopes ? values.scopes.split(',') : [] }],
  customFields: values['custom-fields'],
  ignoreFilters: values['ignore-filters'],
  statusReading: choice<StatusReading>('status-reading', STATUS_READINGS),
  taskIds: values['bare-task-ids'] ? 'bare' : 'prefixed',
  relationshipFilters: choice<RelationshipFilters>('relationship-filters', RELATIONSHIP_FILTERS),
  indexLagMs: number('index-lag'),
  rateLimitPerSecond: number('rate-limit'),
  ...(values['least-kind'] ? LEAST_KIND : {}),
  faults: {
    latencyMs: number('latency'),
    errorRate: number('error-rate'),
    dropAfterRate: number('drop-rate'),
    malformedRate: number('malformed-rate'),
  },
});
  console.log(`Lightfield-compatible server listening on ${server.url}`);
  // Only the demo's documented key is printed: a real one must not end up in a terminal's scrollback or a CI log.
  const key = values.key === DEFAULT_KEY ? `API key: ${DEFAULT_KEY}` : 'API key: the one given with --key';
  console.log(`${key} · ${server.index.size} tasks · ${server.members.length} members · Ctrl+C to stop`);
  stopOnSignal(() => server.close());
}

void main();
