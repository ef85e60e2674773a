/** A small seeded generator (mulberry32), so sample data and fault draws repeat run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomId(prefix: string, random: () => number): string {
  let id = '';
  for (let i = 0; i < 16; i++) {
    id += Math.floor(random() * 36).toString(36);
  }
  return `${prefix}${id}`;
}

/**
 * A task's ID. No public page shows one: `prefixed` is our guess (`tsk_…`), `bare`
 * the least kind reading (24 hex digits and no prefix, as many services' IDs are).
 */
export type TaskIdStyle = 'prefixed' | 'bare';

export function taskId(style: TaskIdStyle, random: () => number): string {
  if (style === 'prefixed') return randomId('tsk_', random);
  let id = '';
  for (let i = 0; i < 24; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}
