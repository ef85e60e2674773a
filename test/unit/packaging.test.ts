import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
/**
 * What may ship in the .vsix: the bundles, the manifest and its strings, l10n; of the docs the README, the
 * CHANGELOG and the LICENSE; of the media the icon, the activity bar's icon, the editor's stylesheet and
 * the walkthrough's pictures. Developer material (CONTRIBUTING.md, tests, results) stays out.
 */
const ALLOWED = [
  /^dist\/extension\.mjs$/,
  /^dist\/chunks\/[\w-]+\.mjs$/,
  /^dist\/(webview|markdown)\.js$/,
  /^dist\/codicons\/codicon\.(css|ttf)$/,
  /^media\/(icon\.png|lightfield\.svg|editor\.css)$/,
  /^media\/walkthrough\/[\w-]+-(light|dark)\.png$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^package\.json$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
];

describe('the packaged extension', () => {
  it('ships only the bundles, media, manifest, strings and docs', () => {
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    assert.ok(files.includes('package.json') && files.includes('dist/extension.mjs'), files.join(', '));
    // The Markdown preview's renderer is loaded by the editor page on first use.
    assert.ok(files.includes('dist/webview.js') && files.includes('dist/markdown.js'), files.join(', '));
    const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
    // Every chunk a shipped module imports ships too (the build's own, never a stale one's).
    const modules = files.filter((file) => file.endsWith('.mjs'));
    const imported = modules.flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/["'](\.\.?\/[\w./-]+\.mjs)["']/g)].map((match) => join(file, '..', match[1])));
    assert.ok(imported.length > 0, 'the extension imports its chunks');
    assert.deepEqual(imported.filter((file) => !files.includes(file)), []);
    assert.deepEqual(unexpected, []);
    for (const doc of ['README.md', 'CHANGELOG.md', 'LICENSE', 'media/icon.png']) assert.ok(files.includes(doc), `${doc} ships`);
    // Every picture the walkthrough shows ships with it.
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: { media: { image: Record<string, string> } }[] }[] } };
    const pictures = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.flatMap((step) => Object.values(step.media.image)));
    assert.deepEqual(pictures.filter((picture) => !files.includes(picture)), []);
  });
});
