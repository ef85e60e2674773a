import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');
/** What may ship in the .vsix: the bundles, media, the manifest and its strings, docs, l10n. */
const ALLOWED = [/^dist\/(extension|webview|markdown)\.js$/, /^dist\/codicons\/codicon\.(css|ttf)$/, /^media\//, /^l10n\//, /^package\.json$/, /^package\.nls(\.[\w-]+)?\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/];

describe('the packaged extension', () => {
  it('ships only the bundles, media, manifest, strings and docs', () => {
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    assert.ok(files.includes('package.json') && files.includes('dist/extension.js'), files.join(', '));
    // The Markdown preview's renderer is loaded by the editor page on first use.
    assert.ok(files.includes('dist/webview.js') && files.includes('dist/markdown.js'), files.join(', '));
    const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
    assert.deepEqual(unexpected, []);
  });
});
