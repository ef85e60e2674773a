import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChaos } from '../bench/chaos';

describe('writes through failing servers (a small npm run bench:chaos)', () => {
  for (const service of ['lightfield', 'close'] as const) {
    it(`${service}: no duplicate, no lost write, and no write reported failed that was applied`, async () => {
      const report = await runChaos(service, { creates: 20, updates: 15, seed: 3 });
      const mismatches = { duplicates: report.duplicates, createsLost: report.createsLost, createsFalselyFailed: report.createsFalselyFailed, updatesLost: report.updatesLost, updatesFalselyFailed: report.updatesFalselyFailed };
      assert.deepEqual(mismatches, { duplicates: 0, createsLost: 0, createsFalselyFailed: 0, updatesLost: 0, updatesFalselyFailed: 0 }, JSON.stringify(report));
      assert.ok(report.requests > report.creates + report.updates, 'faults were met and retried');
    });
  }
});
