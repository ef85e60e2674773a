/**
 * A Git branch name for a task, from the template `lightfield.work.branchName`
 * (`{id}` and `{title}`): the title slugged, every part made a name Git takes
 * (`git check-ref-format`). No `vscode` here.
 */

export const DEFAULT_BRANCH_TEMPLATE = '{id}-{title}';
/** A title's slug is cut at a word near this many characters: branch names are typed and read. */
const TITLE_LENGTH = 48;

/** Lower-case words of any script joined by `-`: accents dropped, everything else a separator. */
export function slug(text: string, length = TITLE_LENGTH): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const chars = Array.from(words);
  if (chars.length <= length) return words;
  const cut = chars.slice(0, length).join('');
  const lastBreak = cut.lastIndexOf('-');
  return (lastBreak >= length / 2 ? cut.slice(0, lastBreak) : cut).replace(/-+$/, '');
}

/** One part of a ref name as Git takes it: no control characters, space, `~^:?*[\`, `..` or `@{`, no leading `.`, no trailing `.` or `.lock`. */
function refPart(part: string): string {
  return part
    // Control characters, space and what Git gives a meaning in revisions.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0020\u007f~^:?*[\\]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/@\{/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/(\.lock)+$/i, '')
    .replace(/[.-]+$/, '');
}

/** `text` made a branch name Git takes, part by part; empty where nothing of it is usable. */
export function refName(text: string): string {
  const name = text.split('/').map(refPart).filter(Boolean).join('/');
  return name === '@' ? '' : name;
}

/** The branch for `task` from `template`; a template that leaves nothing usable gives `task-{id}`. */
export function branchName(template: string, task: { id: string; title: string }): string {
  const filled = template.replace(/\{id\}/g, () => task.id).replace(/\{title\}/g, () => slug(task.title));
  return refName(filled) || `task-${refPart(task.id) || 'untitled'}`;
}
