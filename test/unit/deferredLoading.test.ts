import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIGHTFIELD_CAPABILITIES } from '../../src/api/lightfield/capabilities';
import { DeferredProvider } from '../../src/api/deferredProvider';
import type { ProviderOptions, TaskProvider } from '../../src/api/provider';
import { onFirstUse } from '../../src/lazy';

describe('parts loaded on first use', () => {
  it('load once, however many ask at the same time, and again after a failed load', async () => {
    let loads = 0;
    let fail = true;
    const part = onFirstUse(() => {
      loads += 1;
      return fail ? Promise.reject(new Error('the chunk could not be read')) : Promise.resolve({ loads });
    });
    await assert.rejects(part(), /could not be read/);
    fail = false;
    const [first, second] = await Promise.all([part(), part()]);
    assert.equal(first, second);
    assert.equal(loads, 2, 'one failed load, then one that every caller shares');
    assert.equal(await part(), first);
  });

  it('a service adapter: its capabilities at once, its code on the first call, built once with the options, every call passed on', async () => {
    const made: ProviderOptions[] = [];
    const calls: string[] = [];
    const options: ProviderOptions = { baseUrl: 'http://127.0.0.1:1', getKey: () => 'key' };
    let loads = 0;
    class Adapter {
      constructor(given: ProviderOptions) {
        made.push(given);
      }
    }
    // Every method of the interface records its name and arguments.
    const methods = ['checkKey', 'describeTasks', 'listTasks', 'listAllTasks', 'getTask', 'createTask', 'updateTask', 'deleteTask', 'listMembers', 'nameRecords', 'searchRecords', 'searchParents'] as const;
    for (const method of methods) {
      Object.defineProperty(Adapter.prototype, method, { value: (...args: unknown[]) => Promise.resolve(calls.push(`${method}(${JSON.stringify(args)})`)) });
    }
    const provider: TaskProvider = new DeferredProvider(LIGHTFIELD_CAPABILITIES, options, () => {
      loads += 1;
      return Promise.resolve(Adapter as unknown as new (options: ProviderOptions) => TaskProvider);
    });
    assert.equal(provider.capabilities, LIGHTFIELD_CAPABILITIES);
    assert.equal(loads, 0, 'nothing loads before a call');
    await provider.checkKey();
    await provider.describeTasks();
    await provider.listTasks({ status: 'TODO', limit: 5 });
    await provider.listAllTasks({ assignee: 'mem_1' });
    await provider.getTask('tsk_1');
    await provider.createTask({ title: 'T' }, { idempotencyKey: 'k' });
    await provider.updateTask('tsk_1', { title: 'U' }, { idempotencyKey: 'k2' });
    await provider.deleteTask('tsk_1');
    await provider.listMembers();
    await provider.nameRecords('account', ['acc_1']);
    await provider.searchRecords('account', 'Acme');
    await provider.searchParents('Ac');
    assert.equal(loads, 1);
    assert.deepEqual(made, [options]);
    assert.deepEqual(calls, [
      'checkKey([])',
      'describeTasks([])',
      'listTasks([{"status":"TODO","limit":5}])',
      'listAllTasks([{"assignee":"mem_1"}])',
      'getTask(["tsk_1"])',
      'createTask([{"title":"T"},{"idempotencyKey":"k"}])',
      'updateTask(["tsk_1",{"title":"U"},{"idempotencyKey":"k2"}])',
      'deleteTask(["tsk_1"])',
      'listMembers([])',
      'nameRecords(["account",["acc_1"]])',
      'searchRecords(["account","Acme"])',
      'searchParents(["Ac"])',
    ]);
  });
});
