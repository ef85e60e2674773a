import type { Faults } from '../server/faults';

/** The local server answers these GETs with the generated bodies, for as long as a property's case runs. */
export function serveGenerated(faults: Faults, answers: [RegExp, unknown][]): void {
  faults.clearQueued();
  for (const [path, body] of answers) faults.inject({ kind: 'mutate', method: 'GET', path, mutate: () => body, times: 20 });
}
