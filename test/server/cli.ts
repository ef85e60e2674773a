/**
 * `npm run server -- --port 0 --tasks 200 --latency 0 --key sk_lf_local`
 * Prints the listening line first, then serves until stopped.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_KEY, startLightfieldServer } from './server';

const { values } = parseArgs({
  options: {
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

async function main(): Promise<void> {
  const server = await startLightfieldServer({
  host: values.host,
  port: number('port'),
  tasks: number('tasks'),
  seed: number('seed'),
  keys: [{ key: values.key, scopes: values.scopes ? values.scopes.split(',') : [] }],
  customFields: values['custom-fields'],
  ignoreFilters: values['ignore-filters'],
  indexLagMs: number('index-lag'),
  rateLimitPerSecond: number('rate-limit'),
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
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
