/**
 * Writes through the task store (and so the adapter and HTTP layer the extension
 * ships) against a local server that fails often: answers 500/503, connections
 * dropped before and after the write, answers cut short. Then compares what the
 * server holds with what was asked, and what the caller was told with what
 * happened. Every mismatch should be 0. Shared by `npm run bench:chaos` (larger,
 * printed) and a unit test (small, asserted).
 */
import type { ServiceId, Task, TaskDraft } from '../../src/api/domain';
import type { TaskProvider } from '../../src/api/provider';
import type { FaultRates } from '../server/faults';
import { TaskStore } from '../../src/tasks/taskStore';
import { CloseProvider } from '../../src/api/close/client';
import { LightfieldProvider } from '../../src/api/lightfield/client';
import { startCloseServer } from '../server/close/closeServer';
import { DEFAULT_CLOSE_KEY, DEFAULT_KEY } from '../server/keys';
import { startLightfieldServer } from '../server/server';

export const CHAOS_FAULTS: Partial<FaultRates> = { errorRate: 0.2, dropBeforeRate: 0.075, dropAfterRate: 0.075, malformedRate: 0.05 };

export interface ChaosReport {
  service: ServiceId;
  requests: number;
  creates: number;
  /** Creates the caller was told failed, though the server made the task. */
  createsFalselyFailed: number;
  /** Tasks made more than once for one create. */
  duplicates: number;
  /** Creates reported done that the server does not hold. */
  createsLost: number;
  updates: number;
  updatesFalselyFailed: number;
  /** Updates reported done that the server does not hold. */
  updatesLost: number;
  /** Failures the caller was told about that were real. */
  trueFailures: number;
}

/** The service's local server with faults, a store over the adapter with quick retries, and a fault-free look at the truth. */
async function setUp(service: ServiceId, seed: number) {
  const retry = { baseDelayMs: 5, maxDelayMs: 40 };
  if (service === 'close') {
    const server = await startCloseServer({ tasks: 20, seed, faults: CHAOS_FAULTS, rateLimit: 10_000 });
    const provider: TaskProvider = new CloseProvider({ baseUrl: `${server.url}/api/v1`, getKey: () => DEFAULT_CLOSE_KEY, retry });
    const parent = server.leads[0].id;
    return {
      provider,
      draft: (title: string): TaskDraft => ({ title, parent }),
      titles: () => [...server.tasks.values()].map((task) => task.text),
      truth: (id: string) => server.tasks.get(id)?.is_complete,
      requests: () => server.requests.length,
      close: () => server.close(),
    };
  }
  const server = await startLightfieldServer({ tasks: 20, seed, faults: CHAOS_FAULTS, rateLimitPerSecond: 10_000 });
  const provider: TaskProvider = new LightfieldProvider({ baseUrl: server.url, getKey: () => DEFAULT_KEY, retry });
  const assignee = server.members[0].id;
  return {
    provider,
    draft: (title: string): TaskDraft => ({ title, status: 'TODO', assignee }),
    titles: () => server.index.stored().map((task) => task.fields.$title?.value),
    truth: (id: string) => server.index.get(id)?.fields.$status?.value === 'COMPLETE',
    requests: () => server.requests.length,
    close: () => server.close(),
  };
}

export async function runChaos(service: ServiceId, options: { creates: number; updates: number; seed?: number }): Promise<ChaosReport> {
  const world = await setUp(service, options.seed ?? 11);
  const report: ChaosReport = { service, requests: 0, creates: options.creates, createsFalselyFailed: 0, duplicates: 0, createsLost: 0, updates: options.updates, updatesFalselyFailed: 0, updatesLost: 0, trueFailures: 0 };
  try {
    const store = new TaskStore(() => world.provider, { pageSize: 25, statuses: ['TODO', 'COMPLETE'] });
    const run = `chaos ${Date.now()}`;
    const made: Task[] = [];
    const failedTitles: string[] = [];
    for (let i = 0; i < options.creates; i++) {
      const title = `${run} #${i}`;
      await store.create(world.draft(title), `${run}-create-${i}`).then(
        (task) => made.push(task),
        () => failedTitles.push(title),
      );
    }
    const titles = world.titles();
    const count = (title: string) => titles.filter((t) => t === title).length;
    for (let i = 0; i < options.creates; i++) {
      const title = `${run} #${i}`;
      const onServer = count(title);
      if (onServer > 1) report.duplicates += onServer - 1;
      if (failedTitles.includes(title)) {
        if (onServer > 0) report.createsFalselyFailed += 1;
        else report.trueFailures += 1;
      } else if (onServer === 0) report.createsLost += 1;
    }
    for (const task of made.slice(0, options.updates)) {
      const told = await store.setStatus(task.id, 'COMPLETE').then(
        () => true,
        () => false,
      );
      const applied = world.truth(task.id) === true;
      if (told && !applied) report.updatesLost += 1;
      if (!told && applied) report.updatesFalselyFailed += 1;
      if (!told && !applied) report.trueFailures += 1;
    }
    report.updates = Math.min(options.updates, made.length);
    report.requests = world.requests();
    return report;
  } finally {
    await world.close();
  }
}
