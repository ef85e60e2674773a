/** The bench's table rows and the way figures are written in them. */
export interface Row {
  figure: string;
  measured: string;
  baseline: string;
  ratio: string;
}

export interface Spread {
  min: number;
  median: number;
}

export function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)] };
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
export const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** Marks the line an extension-host script prints its figures on (JSON after it). */
export const BENCH_LINE_PREFIX = '[bench] ';

/** Names the file an extension-host script reads its plan from (the environment is fixed when code-server starts). */
export const PLAN_VARIABLE = 'LIGHTFIELD_BENCH_PLAN';

/** Where a bench run's code-server logs are: the task editors' figures are what the extension logs (test/e2e/hostLogs.ts). */
export const LOGS_VARIABLE = 'LIGHTFIELD_BENCH_LOGS';
