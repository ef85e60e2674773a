/**
 * What a write tool asks the user before it runs: a title, and lines naming the
 * task and the change (from → to), as plain text for a person, server and model
 * text on one line each and cut short. The words go through the `l10n` given
 * (`vscode.l10n` in the extension, so the bundle holds them). No `vscode` import.
 */
import { type Capabilities, type Task, type TaskDraft, type TaskPatch, taskTitle } from '../api/domain';
import { clipped, dueText, statusText, type TextContext } from './toolText';

/** What translates: `vscode.l10n` in the extension; `{0}`-style arguments. */
export interface Words {
  t(message: string, ...args: string[]): string;
}

export interface Confirmation {
  title: string;
  lines: string[];
}

/** A task as a confirmation names it: its ID and title. */
export function taskWords(l10n: Words, task: Task): string {
  return l10n.t('Task {0}: "{1}"', clipped(task.id, 130), clipped(taskTitle(task)));
}

function memberWords(l10n: Words, id: string | undefined, context: TextContext): string {
  return id ? clipped(context.memberName(id) ?? id, 100) : l10n.t('nobody');
}

export function createConfirmation(l10n: Words, draft: TaskDraft, belongsTo: string | undefined, context: TextContext): Confirmation {
  const task: Task = { id: '', title: draft.title ?? '', status: draft.status, dueAt: draft.dueAt ?? undefined, assignee: draft.assignee, createdAt: '', fields: {} };
  return {
    title: l10n.t('Create a {0} task?', context.capabilities.name),
    lines: [
      l10n.t('Title: "{0}"', clipped(task.title)),
      l10n.t('Status: {0}', statusText(task, context.capabilities)),
      l10n.t('Due: {0}', dueText(task, context)),
      l10n.t('Assignee: {0}', memberWords(l10n, task.assignee, context)),
      ...(belongsTo ? [l10n.t('Belongs to: "{0}"', clipped(belongsTo))] : []),
    ],
  };
}

export function todoConfirmation(l10n: Words, file: string, line: number, title: string | undefined, capabilities: Capabilities): Confirmation {
  return {
    title: l10n.t('Create a {0} task from a TODO comment?', capabilities.name),
    lines: [
      l10n.t('From the comment on line {0} of {1}; its reference is then written into the comment.', String(line), clipped(file, 300)),
      title ? l10n.t('Title: "{0}"', clipped(title)) : l10n.t('Title: the comment\'s text'),
    ],
  };
}

export function updateConfirmation(l10n: Words, task: Task, patch: TaskPatch, context: TextContext): Confirmation {
  const lines = [taskWords(l10n, task)];
  if (patch.title !== undefined) lines.push(l10n.t('Title: "{0}" → "{1}"', clipped(taskTitle(task)), clipped(patch.title)));
  if (patch.status !== undefined) lines.push(l10n.t('Status: {0} → {1}', statusText(task, context.capabilities), statusText({ ...task, status: patch.status }, context.capabilities)));
  if (patch.dueAt !== undefined) lines.push(l10n.t('Due: {0} → {1}', dueText(task, context), dueText({ ...task, dueAt: patch.dueAt ?? undefined }, context)));
  if (patch.assignee !== undefined) lines.push(l10n.t('Assignee: {0} → {1}', memberWords(l10n, task.assignee, context), memberWords(l10n, patch.assignee, context)));
  if (patch.description !== undefined) lines.push(patch.description ? l10n.t('Description: replaced') : l10n.t('Description: removed'));
  return { title: l10n.t('Update a {0} task?', context.capabilities.name), lines };
}

export function deleteConfirmation(l10n: Words, task: Task, capabilities: Capabilities): Confirmation {
  const { trash, name } = capabilities;
  return {
    title: l10n.t('Delete a {0} task?', name),
    lines: [taskWords(l10n, task), trash ? l10n.t('It goes to {0}\'s trash, where the web app can restore it.', name) : l10n.t('{0} deletes it for good.', name)],
  };
}
