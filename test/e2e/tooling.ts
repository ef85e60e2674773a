/**
 * Installs the pinned tooling the real-VS-Code tests need, apart from the
 * extension's own dependencies: Node 24 and code-server, each from its own
 * package.json and lock file under test/e2e/tooling, cached per lock file in
 * ~/.cache/lightfield-tasks-e2e so later runs on the machine reuse them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Tooling {
  /** The Node 24 binary code-server runs on. */
  node24: string;
  /** code-server's entry script. */
  codeServerEntry: string;
  /** The VS Code inside code-server (`vscode.env.appRoot` there): where its ripgrep is. */
  vscodeAppRoot: string;
}

const TOOLING_SOURCES = join(__dirname, 'tooling');

export function log(line: string): void {
  console.log(`[e2e] ${line}`);
}

export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${String(result.status ?? result.signal)}`);
  }
}

function cacheRoot(): string {
  return process.env.LIGHTFIELD_E2E_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'lightfield-tasks-e2e');
}

/** npm's own script, so it can be run by a chosen Node binary. */
function npmCli(): string {
  if (process.env.npm_execpath?.endsWith('npm-cli.js')) return process.env.npm_execpath;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (existsSync(join(dir, 'npm'))) return realpathSync(join(dir, 'npm'));
  }
  throw new Error('npm was not found on PATH');
}

/** The environment without what an outer `npm run` adds, which would steer the inner install. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'));
}

/**
 * `npm ci` of test/e2e/tooling/<name> into the cache, run by `node` (so that
 * install scripts see that Node), unless that exact lock file is installed there already.
 */
function installPinned(name: string, node = process.execPath, env: NodeJS.ProcessEnv = cleanEnvironment()): string {
  const source = join(TOOLING_SOURCES, name);
  const files = ['package.json', 'package-lock.json'];
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(join(source, file)));
  const dir = join(cacheRoot(), `${name}-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(join(dir, '.installed'))) {
    log(`${name}: cached in ${dir}`);
    return dir;
  }
  log(`${name}: installing into ${dir} (first run on this machine)`);
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(join(source, file), join(dir, file));
  run(node, [npmCli(), 'ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env });
  writeFileSync(join(dir, '.installed'), new Date().toISOString());
  log(`${name}: installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return dir;
}

/** Installs missing Debian packages when we may (root with apt-get), or says what to install. */
export function ensureDebianPackages(needed: { file: string; pkg: string }[]): void {
  const missing = needed.filter(({ file }) => !existsSync(file)).map(({ pkg }) => pkg);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`Install these Debian packages first: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-q']);
  run('apt-get', ['install', '-y', '-q', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export function ensureTooling(): Tooling {
  // code-server builds the kerberos module from source: its prebuilt download is out of reach here.
  ensureDebianPackages([{ file: '/usr/bin/krb5-config', pkg: 'libkrb5-dev' }]);
  const nodeHome = join(installPinned('node24'), 'node_modules', 'node', 'node_modules', `node-linux-${process.arch}`);
  const node24 = join(nodeHome, 'bin', 'node');
  const codeServer = installPinned('code-server', node24, {
    ...cleanEnvironment(),
    PATH: `${join(nodeHome, 'bin')}:${process.env.PATH ?? ''}`,
    // Native modules must build against Node 24's headers, not the machine's Node.
    npm_config_nodedir: nodeHome,
  });
  return {
    node24,
    codeServerEntry: join(codeServer, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    vscodeAppRoot: join(codeServer, 'node_modules', 'code-server', 'lib', 'vscode'),
  };
}
