/**
 * `npm run bench:chaos`: for each service, writes through the store against a
 * failing server (chaos.ts), then a user's session in a real VS Code against one
 * (chaosVsCode.ts); both printed as tables. Every mismatch column should be 0.
 */
import { parseArgs } from 'node:util';
import { CHAOS_FAULTS, type ChaosReport, runChaos } from './chaos';
import { runChaosInVsCode, type VsCodeChaosReport } from './chaosVsCode';

function table<T extends { service: string }>(reports: T[], columns: (keyof T)[], cell: (report: T, column: keyof T) => string = (report, column) => String(report[column])): string {
  return [`| service | ${columns.join(' | ')} |`, `| --- |${columns.map(() => ' --- |').join('')}`, ...reports.map((report) => `| ${report.service} | ${columns.map((column) => cell(report, column)).join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      creates: { type: 'string', default: '60' },
      updates: { type: 'string', default: '40' },
      statuses: { type: 'string', default: '50' },
      edits: { type: 'string', default: '20' },
      todos: { type: 'string', default: '20' },
    },
  });
  const stored: ChaosReport[] = [];
  for (const service of ['lightfield', 'close'] as const) {
    stored.push(await runChaos(service, { creates: Number(values.creates), updates: Number(values.updates) }));
  }
  const inVsCode = await runChaosInVsCode({ statuses: Number(values.statuses), edits: Number(values.edits), todos: Number(values.todos) });
  console.log(`Faults: ${JSON.stringify(CHAOS_FAULTS)} (shares of requests)\n`);
  console.log('Through the store, in Node:\n');
  console.log(table(stored, ['requests', 'creates', 'duplicates', 'createsLost', 'createsFalselyFailed', 'updates', 'updatesLost', 'updatesFalselyFailed', 'trueFailures']));
  console.log('\nA user\'s session in a real VS Code (code-server), with bursts of 429 and, on Lightfield, lists 2 s behind:\n');
  const columns: (keyof VsCodeChaosReport)[] = ['requests', 'faults', 'refused', 'loaded', 'statuses', 'edits', 'todos', 'duplicates', 'lost', 'falselyFailed', 'todosMisrewritten', 'trueFailures'];
  console.log(table(inVsCode.reports, columns, (report, column) => (column === 'faults' ? Object.entries(report.faults).map(([kind, count]) => `${kind} ${count}`).join(', ') : String(report[column]))));
  for (const report of inVsCode.reports) if (report.details.length) console.log(`\n${report.service}:\n- ${report.details.join('\n- ')}`);
  console.log(`\nErrors from the extension in the extension host log: ${inVsCode.hostErrors.length}${inVsCode.hostErrors.length ? `\n${inVsCode.hostErrors.slice(0, 5).join('\n')}` : ''}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
