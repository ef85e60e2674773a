/** The TODO scan's findings by file: reused while a file's stat is unchanged, and saved for the workspace's next window. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TodoComment } from '../../src/todo/detect';
import { type FileStat, TodoCache } from '../../src/todo/todoCache';
import { temporaryFolder } from '../support/temporaryFolder';

const KEY = '["0.1.0",["TODO"],"{tag}({id})"]';
const HOUR_AGO = Date.now() - 3_600_000;
const todo: TodoComment = { line: 3, endLine: 4, tag: 'TODO', tagStart: 3, tagEnd: 7, text: 'ship it', openerStart: 0, lineComment: true };
const file: FileStat = { path: '/w/a.ts', mtimeMs: HOUR_AGO, size: 120 };

function noWarnings(): (message: string) => void {
  return (message) => assert.fail(`warned: ${message}`);
}

describe('the TODO scan\'s cache', () => {
  it('answers for a file whose modification time and size are unchanged, and not once either changed', async () => {
    const cache = new TodoCache(undefined, noWarnings());
    await cache.beginScan(KEY);
    assert.equal(cache.lookup(file), undefined);
    cache.remember(file, [todo]);
    assert.deepEqual(cache.lookup({ ...file }), [todo]);
    assert.equal(cache.lookup({ ...file, mtimeMs: HOUR_AGO + 1 }), undefined);
    assert.equal(cache.lookup({ ...file, size: 121 }), undefined);
    assert.equal(cache.lookup({ ...file, path: '/w/b.ts' }), undefined);
  });

  it('keeps nothing for a file written just before it was read: a write in the same clock tick would keep its time', async () => {
    const cache = new TodoCache(undefined, noWarnings());
    await cache.beginScan(KEY);
    const now = Date.now();
    cache.remember({ ...file, mtimeMs: now - 500 }, [todo], now);
    assert.equal(cache.lookup({ ...file, mtimeMs: now - 500 }), undefined);
    cache.remember({ ...file, mtimeMs: now - 5_000 }, [todo], now);
    assert.deepEqual(cache.lookup({ ...file, mtimeMs: now - 5_000 }), [todo]);
  });

  it('forgets a file the watcher reported, and everything once the tags or the reference format change', async () => {
    const cache = new TodoCache(undefined, noWarnings());
    await cache.beginScan(KEY);
    cache.remember(file, [todo]);
    cache.forget(file.path);
    assert.equal(cache.lookup(file), undefined);
    cache.remember(file, [todo]);
    await cache.beginScan('["0.1.0",["TODO","FIXME"],"{tag}({id})"]');
    assert.equal(cache.lookup(file), undefined);
  });

  it('is saved for the next window with only the files the latest scan asked for, and read back there', async () => {
    const savedAt = join(temporaryFolder('lf-todo-cache-'), 'storage', 'todo-scan.json');
    const first = new TodoCache(savedAt, noWarnings());
    await first.beginScan(KEY);
    first.remember(file, [todo]);
    first.remember({ ...file, path: '/w/gone.ts' }, []);
    await first.save();
    await first.beginScan(KEY);
    assert.deepEqual(first.lookup(file), [todo]);
    await first.save();
    const next = new TodoCache(savedAt, noWarnings());
    await next.beginScan(KEY);
    assert.deepEqual(next.lookup(file), [todo]);
    assert.equal(next.lookup({ ...file, path: '/w/gone.ts' }), undefined);
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(savedAt, 'utf8')) as { files: object }).files), ['/w/a.ts']);
  });

  it('saves one scan at a time: scans ending together leave the latest one\'s file whole', async () => {
    const savedAt = join(temporaryFolder('lf-todo-cache-'), 'todo-scan.json');
    const cache = new TodoCache(savedAt, noWarnings());
    await cache.beginScan(KEY);
    const many = Array.from({ length: 2_000 }, (_, i) => ({ ...file, path: `/w/file${i}.ts` }));
    for (const each of many) cache.remember(each, [todo]);
    const first = cache.save();
    await cache.beginScan(KEY);
    cache.remember(file, [todo]);
    await Promise.all([first, cache.save()]);
    const next = new TodoCache(savedAt, noWarnings());
    await next.beginScan(KEY);
    assert.deepEqual(next.lookup(file), [todo]);
    assert.equal(next.lookup(many[0]), undefined);
  });

  it('starts empty, with a warning in the log, when what was saved cannot be read back', async () => {
    for (const saved of ['{"key": "x", "files": {"/w/a.ts": {"mtimeMs": "soon"}}}', 'not json', '']) {
      const savedAt = join(temporaryFolder('lf-todo-cache-'), 'todo-scan.json');
      writeFileSync(savedAt, saved);
      const warnings: string[] = [];
      const cache = new TodoCache(savedAt, (message) => warnings.push(message));
      await cache.beginScan(KEY);
      assert.equal(cache.lookup(file), undefined);
      assert.equal(warnings.length, 1, saved);
    }
  });

  it('starts empty, saying nothing, in a workspace that has saved nothing yet', async () => {
    const cache = new TodoCache(join(temporaryFolder('lf-todo-cache-'), 'none', 'todo-scan.json'), noWarnings());
    await cache.beginScan(KEY);
    assert.equal(cache.lookup(file), undefined);
  });
});
