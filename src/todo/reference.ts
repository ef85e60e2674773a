/** How a tracked TODO names its task, e.g. `TODO(tsk_ab12)`. No `vscode` here. */

export const DEFAULT_REFERENCE_FORMAT = '{tag}({id})';

/** The reference text for `tag` and task `id`, from a format with `{tag}` and `{id}`. */
export function formatReference(format: string, tag: string, id: string): string {
  const usable = format.includes('{tag}') && format.includes('{id}') ? format : DEFAULT_REFERENCE_FORMAT;
  return usable.replace('{tag}', tag).replace('{id}', id);
}

/** The task ID a reference in `format` carries, if `text` is one. */
export function parseReference(format: string, text: string): { tag: string; id: string } | undefined {
  const usable = format.includes('{tag}') && format.includes('{id}') ? format : DEFAULT_REFERENCE_FORMAT;
  const pattern = usable
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace('\\{tag\\}', '(?<tag>[\\p{L}\\p{N}_]+)')
    .replace('\\{id\\}', '(?<id>[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9]+)');
  const match = new RegExp(`^${pattern}$`, 'u').exec(text);
  return match?.groups ? { tag: match.groups.tag, id: match.groups.id } : undefined;
}
