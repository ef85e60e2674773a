/** `npm run bench:chaos`: the chaos run for each service, printed as a table (see chaos.ts). */
import { parseArgs } from 'node:util';
import { CHAOS_FAULTS, type ChaosReport, runChaos } from './chaos';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { creates: { type: 'string', default: '60' }, updates: { type: 'string', default: '40' } } });
  const reports: ChaosReport[] = [];
  for (const service of ['lightfield', 'close'] as const) {
    reports.push(await runChaos(service, { creates: Number(values.creates), updates: Number(values.updates) }));
  }
  const columns: (keyof ChaosReport)[] = ['requests', 'creates', 'duplicates', 'createsLost', 'createsFalselyFailed', 'updates', 'updatesLost', 'updatesFalselyFailed', 'trueFailures'];
  console.log(`Faults: ${JSON.stringify(CHAOS_FAULTS)} (shares of requests)\n`);
  console.log(`| service | ${columns.join(' | ')} |`);
  console.log(`| --- |${columns.map(() => ' --- |').join('')}`);
  for (const report of reports) console.log(`| ${report.service} | ${columns.map((column) => report[column]).join(' | ')} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
