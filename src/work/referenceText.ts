/** Task references in any text (a Markdown file, a commit message, a comment). No `vscode` here. */

/** Runs that could be an ID: letters, digits, `_` and `-`, not inside a longer word or a path. */
const CANDIDATE = /(?<![\p{L}\p{N}_\-/.#@])[A-Za-z0-9][A-Za-z0-9_-]{2,127}(?![\p{L}\p{N}_\-/@])/gu;
/** Past this, a text is not searched (a generated file, a log). */
const MOST_CHARACTERS = 1_000_000;

export interface FoundReference {
  id: string;
  start: number;
  end: number;
}

/** Every run of `text` that `isTaskId` takes for a task's ID, in order. */
export function referencesIn(text: string, isTaskId: (id: string) => boolean): FoundReference[] {
  if (text.length > MOST_CHARACTERS) return [];
  const found: FoundReference[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    if (isTaskId(match[0])) found.push({ id: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** The reference a commit message gets for `task` from `template` (`{id}`, `{title}` on one line). */
export function commitReferenceFor(template: string, task: { id: string; title: string }): string {
  return template.replace(/\{id\}/g, () => task.id).replace(/\{title\}/g, () => task.title.replace(/\s+/g, ' ').trim());
}
