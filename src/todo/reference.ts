/** How a tracked TODO names its task, e.g. `TODO(tsk_ab12)`. No `vscode` here. */
import { isPrefixedTaskId, REFERENCE_ID_SOURCE } from '../api/taskIds';
import { DEFAULT_REFERENCE_FORMAT } from '../constants';

/** What detection can read back (the setting's `pattern` in package.json says the same). */
export const READABLE_FORMAT = /^\{tag\}[^{}]*\{id\}[^{}]*$/;

/**
 * One reference format (`lightfield.todo.referenceFormat`, with `{tag}` and `{id}`),
 * the single owner of both directions: what a rewrite writes, and what detection
 * reads back. Detection reads a reference from its tag on, so a format that could
 * not be read back (one that does not start with `{tag}` or lacks `{id}`) falls back to the default: it would be written and never read, and
 * the TODO would offer to create its task again.
 */
export class ReferenceFormat {
  readonly format: string;
  private readonly sticky: RegExp;

  constructor(format: string = DEFAULT_REFERENCE_FORMAT) {
    this.format = READABLE_FORMAT.test(format) ? format : DEFAULT_REFERENCE_FORMAT;
    const source = this.format
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('\\{tag\\}', '(?<tag>[\\p{L}\\p{N}_]+)')
      .replace('\\{id\\}', `(?<id>${REFERENCE_ID_SOURCE})`);
    this.sticky = new RegExp(source, 'uy');
  }

  /** The reference text for `tag` and task `id`. */
  write(tag: string, id: string): string {
    return this.format.replace('{tag}', tag).replace('{id}', id);
  }

  /** The reference in this format that starts at `start` of `text` with `tag`, naming what `isTaskId` takes for an ID, and where it ends. */
  readAt(text: string, start: number, tag: string, isTaskId: (id: string) => boolean = isPrefixedTaskId): { id: string; end: number } | undefined {
    this.sticky.lastIndex = start;
    const match = this.sticky.exec(text);
    if (!match?.groups || match.groups.tag !== tag || !isTaskId(match.groups.id)) return undefined;
    return { id: match.groups.id, end: start + match[0].length };
  }

  /** The tag and task ID of `text` when all of it is one reference. */
  parse(text: string, isTaskId: (id: string) => boolean = isPrefixedTaskId): { tag: string; id: string } | undefined {
    const found = /^[\p{L}\p{N}_]+/u.exec(text);
    const reference = found ? this.readAt(text, 0, found[0], isTaskId) : undefined;
    return reference && reference.end === text.length ? { tag: found![0], id: reference.id } : undefined;
  }
}
