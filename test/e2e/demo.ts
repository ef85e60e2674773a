/**
 * `npm start`: the extension for real, in a browser, with no VS Code installed.
 * Starts the local server of the chosen service (`--service lightfield`, the
 * default, or `--service close`) with sample tasks, and code-server with the
 * packaged extension installed and pointed at it, then prints the URL. The demo
 * key reaches the extension through the extension host's environment
 * (LIGHTFIELD_API_KEY or CLOSE_API_KEY), never through settings.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServiceId } from '../../src/api/domain';
import { isServiceId, SERVICES } from '../../src/api/services';
import { startCloseServer } from '../server/close/closeServer';
import { DEFAULT_CLOSE_KEY, DEFAULT_KEY } from '../server/keys';
import { LEAST_KIND, startLightfieldServer } from '../server/server';
import { installVsix, startCodeServer } from './codeServer';
import { DEMO_FILES } from './demoWorkspace';
import { ensureTooling, log, run } from './tooling';
import { temporaryFolder } from '../support/temporaryFolder';

const ROOT = resolve(__dirname, '..', '..');

/** The local server of a service, with a little latency (and, for Lightfield, index lag) as the real service has. */
async function startLocalServer(service: ServiceId, tasks: number, leastKind: boolean): Promise<{ baseUrl: string; key: string; close(): Promise<void> }> {
  if (service === 'close') {
    const server = await startCloseServer({ tasks, faults: { latencyMs: 60 } });
    log(`Close-compatible server listening on ${server.url} (key ${DEFAULT_CLOSE_KEY})`);
    return { baseUrl: `${server.url}/api/v1`, key: DEFAULT_CLOSE_KEY, close: () => server.close() };
  }
  const server = await startLightfieldServer({ tasks, indexLagMs: 1500, faults: { latencyMs: 60 }, ...(leastKind ? LEAST_KIND : {}) });
  if (leastKind) log(`with every least kind reading of the docs at once: ${JSON.stringify(LEAST_KIND)}`);
  log(`Lightfield-compatible server listening on ${server.url} (key ${DEFAULT_KEY})`);
  return { baseUrl: server.url, key: DEFAULT_KEY, close: () => server.close() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '8080' }, tasks: { type: 'string', default: '200' }, 'base-url': { type: 'string' }, service: { type: 'string', default: 'lightfield' }, 'least-kind': { type: 'boolean', default: false } },
  });
  const service = values.service;
  if (!isServiceId(service)) {
    console.error(`--service is one of: ${Object.keys(SERVICES).join(', ')}.`);
    process.exit(2);
  }
  const { keyVariable, capabilities } = SERVICES[service];
  // `--base-url URL`: another server of that service (the real one, say) instead of the local one; its key from the environment.
  const remote = values['base-url'];
  if (remote && !process.env[keyVariable]) {
    console.error(`With --base-url, set ${keyVariable} to that server's API key.`);
    process.exit(2);
  }
  const tooling = ensureTooling();
  run('npm', ['run', '--silent', 'package'], { cwd: ROOT });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
  const home = temporaryFolder('lf-demo-');
  installVsix(tooling, home, join(ROOT, 'out', 'lightfield-tasks.vsix'), `${manifest.publisher}.${manifest.name}`, manifest.version);

  const workspace = join(home, 'workspace');
  for (const [path, text] of Object.entries(DEMO_FILES)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  const server = remote ? undefined : await startLocalServer(service, Number(values.tasks), values['least-kind']);
  if (remote) log(`using the ${capabilities.name} server at ${remote} with the key from ${keyVariable}`);
  const codeServer = await startCodeServer(tooling, {
    home,
    workspace,
    port: Number(values.port),
    settings: { 'lightfield.service': service },
    // The base URLs are machine settings: a remote window (code-server's) reads them from the machine's settings.
    machineSettings: { [`lightfield.${SERVICES[service].baseUrlSetting}`]: server?.baseUrl ?? remote },
    env: { [keyVariable]: server?.key ?? process.env[keyVariable] ?? '' },
  });
  console.log(`\nOpen ${codeServer.url}/?folder=${encodeURIComponent(workspace)} in a browser, then the Lightfield icon in the activity bar (${capabilities.name} tasks).`);
  console.log('Ctrl+C stops the demo.\n');

  const stop = () => {
    void Promise.all([codeServer.stop(), server?.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
