/**
 * What a write tool asks the user before it runs: a title, and lines naming the
 * task and the change (from → to), as plain text for a person, server and model
 * text on one line each and cut short. No `vscode` import.
 */
import { type Capabilities, type Task, type TaskDraft, type TaskPatch, taskTitle } from '../api/domain';
import { clipped, dueText, statusText, type TextContext } from './toolText';

export interface Confirmation {
  title: string;
  lines: string[];
}

/** A task as a confirmation names it: its ID and title. */
export function taskWords(task: Task): string {
  return `Task ${clipped(task.id, 130)}: "${clipped(taskTitle(task))}"`;
}

function memberWords(id: string | undefined, context: TextContext): string {
  return id ? clipped(context.memberName(id) ?? id, 100) : 'nobody';
}

export function createConfirmation(draft: TaskDraft, belongsTo: string | undefined, context: TextContext): Confirmation {
  const task: Task = { id: '', title: draft.title ?? '', status: draft.status, dueAt: draft.dueAt ?? undefined, assignee: draft.assignee, createdAt: '', fields: {} };
  return {
    title: `Create a ${context.capabilities.name} task?`,
    lines: [
      `Title: "${clipped(task.title)}"`,
      `Status: ${statusText(task, context.capabilities)}`,
      `Due: ${dueText(task, context)}`,
      `Assignee: ${memberWords(task.assignee, context)}`,
      ...(belongsTo ? [`Belongs to: "${clipped(belongsTo)}"`] : []),
    ],
  };
}

export function todoConfirmation(file: string, line: number, title: string | undefined, capabilities: Capabilities): Confirmation {
  return {
    title: `Create a ${capabilities.name} task from a TODO comment?`,
    lines: [`From the comment on line ${line} of ${clipped(file, 300)}; its reference is then written into the comment.`, title ? `Title: "${clipped(title)}"` : 'Title: the comment\'s text'],
  };
}

export function updateConfirmation(task: Task, patch: TaskPatch, context: TextContext): Confirmation {
  const lines = [taskWords(task)];
  if (patch.title !== undefined) lines.push(`Title: "${clipped(taskTitle(task))}" → "${clipped(patch.title)}"`);
  if (patch.status !== undefined) lines.push(`Status: ${statusText(task, context.capabilities)} → ${statusText({ ...task, status: patch.status }, context.capabilities)}`);
  if (patch.dueAt !== undefined) lines.push(`Due: ${dueText(task, context)} → ${dueText({ ...task, dueAt: patch.dueAt ?? undefined }, context)}`);
  if (patch.assignee !== undefined) lines.push(`Assignee: ${memberWords(task.assignee, context)} → ${memberWords(patch.assignee, context)}`);
  if (patch.description !== undefined) lines.push(patch.description ? 'Description: replaced' : 'Description: removed');
  return { title: `Update a ${context.capabilities.name} task?`, lines };
}

export function deleteConfirmation(task: Task, capabilities: Capabilities): Confirmation {
  const { trash, name } = capabilities;
  return { title: `Delete a ${name} task?`, lines: [taskWords(task), trash ? `It goes to ${name}'s trash, where the web app can restore it.` : `${name} deletes it for good.`] };
}
