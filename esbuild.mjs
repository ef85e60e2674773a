// The extension (Node ES modules, `vscode` provided by the host: dist/extension.mjs and the
// chunks it imports on first use, dist/chunks/) and the editor webview (browser). `--production` minifies; `--watch` rebuilds;
// `--integration` also bundles the extension-host test suites into out/integration
// and the bench's extension-host scripts into out/bench;
// `--metafile` writes each bundle's metafile to out/<bundle>.meta.json (the bench reads them).
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const integration = process.argv.includes('--integration');
const metafile = process.argv.includes('--metafile');

/** Prints the lines VS Code's esbuild problem matcher waits for. */
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  metafile,
  plugins: watch ? [watchReporter] : [],
};

// Chunk names carry their content's hash: the last build's would otherwise stay and ship.
rmSync('dist/chunks', { recursive: true, force: true });

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    // ES modules, split: what the first paint does not need (the editor, the agent's tools, the work
    // commands) is its own chunk, loaded by `import()` on first use, sharing the rest with the core.
    entryPoints: ['src/extension.ts'],
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['vscode'],
    alias: {
      // ofetch's Node build bundles the node-fetch-native polyfill (~114 KB); VS Code's Node has fetch, which the plain build uses.
      ofetch: './node_modules/ofetch/dist/index.mjs',
      // The host hands @vscode/l10n its words (`config({ contents })`); its Node build would `require('fs')` to read files, which a module cannot.
      '@vscode/l10n': './node_modules/@vscode/l10n/dist/browser.js',
    },
  }),
  esbuild.context({
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  // The Markdown preview's renderer: loaded by the page on the first preview, not at first paint.
  esbuild.context({
    ...common,
    entryPoints: ['src/webview/markdownRender.ts'],
    outfile: 'dist/markdown.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
  ...(integration
    ? [
        esbuild.context({
          ...common,
          minify: false,
          entryPoints: readdirSync('test/integration')
            .filter((name) => name.endsWith('.ts'))
            .map((name) => `test/integration/${name}`),
          outdir: 'out/integration',
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          external: ['vscode', 'mocha', '@vscode/test-electron'],
        }),
        // The bench's parts that need the real VS Code, run in its extension host.
        esbuild.context({
          ...common,
          minify: false,
          entryPoints: ['test/bench/inHost.ts', 'test/bench/chaosInHost.ts'],
          outdir: 'out/bench',
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          external: ['vscode'],
        }),
      ]
    : []),
]);

// The codicon font and stylesheet ship beside the bundles: the webview may load only from dist/ and media/.
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) {
  copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
}

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (metafile) {
    mkdirSync('out', { recursive: true });
    for (const [name, result] of [['extension', results[0]], ['webview', results[1]], ['markdown', results[2]]]) {
      writeFileSync(`out/${name}.meta.json`, JSON.stringify(result.metafile));
    }
  }
}
