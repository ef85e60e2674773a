/**
 * What a task ID looks like. No public page shows one (Lightfield's `tsk_` is a
 * guess), so a service's guessed pattern is only a start: the IDs the service
 * returns teach the rest, and an ID it returned always matches. No `vscode` here.
 */

/** An ID with a type prefix, as both services' known IDs are (`tsk_…`, `task_…`): a reference in any service's format. */
const PREFIXED_TASK_ID = /^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9]+$/;

export function isPrefixedTaskId(id: string): boolean {
  return PREFIXED_TASK_ID.test(id);
}
/** An ID given as an argument (to a command, by an agent): short, and nothing that could be a path or a query. */
export const ID_ARGUMENT = /^[\w-]{1,128}$/;

/** Characters a reference may hold as an ID, whatever the service: no space, bracket or quote ends one early. */
export const REFERENCE_ID_SOURCE = '[A-Za-z0-9][A-Za-z0-9_-]*';

type CharClass = 'lower' | 'upper' | 'digit' | 'dash' | 'underscore';

function classOf(char: string): CharClass | undefined {
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  if (char === '-') return 'dash';
  if (char === '_') return 'underscore';
  return undefined;
}

/**
 * The shape of one service's task IDs: its guessed pattern, or the shape of the
 * IDs it returned (their characters, their lengths, and a digit where every one
 * had one, so that a name such as `TODO(alice)` is not taken for an ID).
 */
export class TaskIdShape {
  private readonly guess: RegExp;
  private readonly seen = new Set<string>();
  private readonly classes = new Set<CharClass>();
  private shortest = Number.POSITIVE_INFINITY;
  private longest = 0;
  private alwaysDigit = true;

  constructor(guessedPattern: string) {
    this.guess = new RegExp(`^(?:${guessedPattern})$`);
  }

  /** Learns from an ID the service returned; true when the shape grew (what matched before still does). */
  learn(id: string): boolean {
    if (this.seen.has(id) || id.length === 0) return false;
    const classes = [...id].map(classOf);
    if (classes.some((each) => each === undefined)) return false;
    this.seen.add(id);
    if (this.guess.test(id)) return false;
    const before = this.describe();
    for (const each of classes) this.classes.add(each!);
    this.shortest = Math.min(this.shortest, id.length);
    this.longest = Math.max(this.longest, id.length);
    this.alwaysDigit &&= classes.includes('digit');
    return this.describe() !== before;
  }

  /** Whether `id` is one the service returned, or has its guessed shape: strict enough to make a link of. */
  knownOrGuessed(id: string): boolean {
    return this.seen.has(id) || this.guess.test(id);
  }

  /** Whether `id` is, or looks like, one of this service's task IDs. */
  matches(id: string): boolean {
    if (this.seen.has(id) || this.guess.test(id)) return true;
    if (this.classes.size === 0 || id.length < this.shortest || id.length > this.longest) return false;
    const classes = [...id].map(classOf);
    if (classes.some((each) => each === undefined || !this.classes.has(each))) return false;
    return !this.alwaysDigit || classes.includes('digit');
  }

  private describe(): string {
    return JSON.stringify([[...this.classes].sort(), this.shortest, this.longest, this.alwaysDigit]);
  }
}
