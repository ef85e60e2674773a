/** Every string a user reads can be translated: the l10n bundle holds each `vscode.l10n.t` string, package.nls.json each `%key%`. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, it } from 'node:test';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : extname(entry.name) === '.ts' ? [path] : [];
  });
}

function manifestKeys(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/^%([^%]+)%$/g)].map((match) => match[1]);
  if (Array.isArray(value)) return value.flatMap(manifestKeys);
  if (value && typeof value === 'object') return Object.values(value).flatMap(manifestKeys);
  return [];
}

describe('localisation', () => {
  it('has every vscode.l10n.t string of the sources in l10n/bundle.l10n.json (npm run l10n writes it)', async () => {
    const files = sourceFiles(join(ROOT, 'src')).map((path) => ({ contents: readFileSync(path, 'utf8'), extension: '.ts' }));
    const strings = Object.keys(await getL10nJson(files));
    assert.ok(strings.length > 100, `${strings.length} strings found`);
    const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const missing = strings.filter((text) => !(text in bundle));
    assert.deepEqual(missing, [], 'run npm run l10n');
    const stale = Object.keys(bundle).filter((text) => !strings.includes(text));
    assert.deepEqual(stale, [], 'strings no source uses any more: run npm run l10n');
  });

  it('has every %key% of package.json in package.nls.json, and no key nothing uses', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as unknown;
    const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const used = new Set(manifestKeys(manifest));
    assert.deepEqual([...used].filter((key) => !(key in nls)), []);
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  });
});
