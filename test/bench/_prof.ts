import { LightfieldProvider } from '../../src/api/lightfield/client';
import { TaskStore } from '../../src/tasks/taskStore';
import { DEFAULT_KEY } from '../server/keys';
import { startLightfieldServer } from '../server/server';
(async () => {
  const server = await startLightfieldServer({ tasks: 200, seed: 6, customFields: true });
  let remembered: unknown;
  await new LightfieldProvider({ baseUrl: server.url, getKey: () => DEFAULT_KEY, memory: { read: () => undefined, write: (v) => void (remembered = v) } }).describeTasks();
  const paint = async () => {
    const provider = new LightfieldProvider({ baseUrl: server.url, getKey: () => DEFAULT_KEY, memory: { read: () => remembered, write: () => undefined } });
    const store = new TaskStore(() => provider, { pageSize: 25, statuses: ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'] });
    await Promise.all([provider.checkKey(), store.refresh()]);
  };
  for (let i = 0; i < 20; i++) await paint();
  const t: number[] = [];
  for (let i = 0; i < 200; i++) { const s = performance.now(); await paint(); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log('median', t[100].toFixed(2), 'min', t[0].toFixed(2));
  await server.close();
})();
