/**
 * `npm start`: the extension for real, in a browser, with no VS Code installed.
 * Starts the local Lightfield-compatible server with sample tasks and code-server
 * with the packaged extension installed and pointed at it, then prints the URL.
 * The demo key reaches the extension through the extension host's environment
 * (LIGHTFIELD_API_KEY), never through settings.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_KEY, startLightfieldServer } from '../server/server';
import { installVsix, startCodeServer } from './codeServer';
import { ensureTooling, log, run } from './tooling';

const ROOT = resolve(__dirname, '..', '..');

const DEMO_FILES: Record<string, string> = {
  'src/billing.ts': [
    'export function invoiceTotal(lines: { amount: number }[]): number {',
    '  // TODO: round per line, as the accounting team asked',
    '  return lines.reduce((sum, line) => sum + line.amount, 0);',
    '}',
    '',
  ].join('\n'),
  'scripts/sync.py': ['def sync():', '    # FIXME: retry when the CRM answers 429', '    pass', ''].join('\n'),
  'README.md': '# Demo workspace\n\nOpen the Lightfield view in the activity bar.\n',
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, tasks: { type: 'string', default: '200' }, 'base-url': { type: 'string' } } });
  // `--base-url URL`: another Lightfield-compatible server (the real one, say) instead of the local one; its key from the environment.
  const remote = values['base-url'];
  const key = remote ? process.env.LIGHTFIELD_API_KEY : DEFAULT_KEY;
  if (remote && !key) {
    console.error('With --base-url, set LIGHTFIELD_API_KEY to that server\'s API key.');
    process.exit(2);
  }
  const tooling = ensureTooling();
  run('npm', ['run', '--silent', 'package'], { cwd: ROOT });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
  const home = mkdtempSync(join(tmpdir(), 'lf-demo-'));
  installVsix(tooling, home, join(ROOT, 'out', 'lightfield-tasks.vsix'), `${manifest.publisher}.${manifest.name}`, manifest.version);

  const workspace = join(home, 'workspace');
  for (const [path, text] of Object.entries(DEMO_FILES)) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  // A little latency and index lag, as the real service has.
  const server = remote ? undefined : await startLightfieldServer({ tasks: Number(values.tasks), indexLagMs: 1500, faults: { latencyMs: 60 } });
  if (server) log(`Lightfield-compatible server listening on ${server.url} (key ${DEFAULT_KEY})`);
  else log(`using the Lightfield server at ${remote} with the key from LIGHTFIELD_API_KEY`);
  const codeServer = await startCodeServer(tooling, {
    home,
    workspace,
    port: Number(values.port),
    settings: { 'lightfield.baseUrl': server?.url ?? remote },
    env: { LIGHTFIELD_API_KEY: key ?? '' },
  });
  console.log(`\nOpen ${codeServer.url}/?folder=${encodeURIComponent(workspace)} in a browser, then the Lightfield icon in the activity bar.`);
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
