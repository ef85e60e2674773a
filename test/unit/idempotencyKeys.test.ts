/** One scheme of idempotency keys: the same request gives the same key, any change in it another, and the kinds never collide. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editorCreateKey, todoCreateKey, updateKey } from '../../src/tasks/idempotencyKeys';

describe('idempotency keys', () => {
  const payload = { title: 'Ship it', assignee: 'mem_1', dueAt: '2026-12-03' };

  it('are the same for the same request, so a retry or a double click is applied once', () => {
    assert.equal(todoCreateKey('file:///w', 'src/a.ts', 'ship it', payload), todoCreateKey('file:///w', 'src/a.ts', 'ship it', { ...payload }));
    assert.equal(updateKey('t1', '2026-12-01T00:00:00Z', { values: { a: 1 } }), updateKey('t1', '2026-12-01T00:00:00Z', { values: { a: 1 } }));
  });

  it('differ when any part of the request does: the same TODO made into another task is a new one', () => {
    const base = todoCreateKey('file:///w', 'src/a.ts', 'ship it', payload);
    for (const other of [
      todoCreateKey('file:///v', 'src/a.ts', 'ship it', payload),
      todoCreateKey('file:///w', 'src/b.ts', 'ship it', payload),
      todoCreateKey('file:///w', 'src/a.ts', 'ship that', payload),
      todoCreateKey('file:///w', 'src/a.ts', 'ship it', { ...payload, dueAt: '2026-12-04' }),
      // Parts that run together as text still differ.
      todoCreateKey('file:///w', 'src/a.tsship', ' it', payload),
    ]) assert.notEqual(other, base);
    assert.notEqual(updateKey('t1', 'v1', {}), updateKey('t1', 'v2', {}));
    assert.notEqual(updateKey('t1', 'v1', { values: { a: 1 } }), updateKey('t1', 'v1', { values: { a: 2 } }), 'another edit of the same version');
    assert.notEqual(updateKey('t1', 'v1', {}), updateKey('t2', 'v1', {}));
    assert.notEqual(editorCreateKey('x', { title: 'a' }), editorCreateKey('x', { title: 'b' }));
    assert.notEqual(editorCreateKey('x', {}), editorCreateKey('y', {}));
  });

  it('of different kinds never collide, and carry no service\'s name', () => {
    const keys = [editorCreateKey('x', {}), updateKey('x', undefined, {}), todoCreateKey('x', '', '', {})];
    assert.equal(new Set(keys).size, 3);
    for (const key of keys) assert.match(key, /^[a-z]+-[0-9a-f]{64}$/);
  });
});
