import * as vscode from 'vscode';
import { type Capabilities, type Task, taskStatus, taskTitle } from '../api/domain';
import { Commands } from '../constants';
import type { TaskStore } from '../tasks/taskStore';
import { commandLinkTarget, iconText, markdownText } from '../ui/safeText';
import { statusLabel } from '../ui/statusLabel';
import type { ActiveWork } from './activeWork';
import { referencesIn } from './referenceText';

export interface TaskReferenceDeps {
  store: TaskStore;
  work: ActiveWork;
  capabilities: () => Capabilities;
  /** Whether a run of text is one of the connected service's task IDs: one it returned, or its own shape. */
  isTaskId: (id: string) => boolean;
  /** Who "me" is, for my open tasks first. */
  me: () => string | undefined;
}

/** Where references are links: files, unsaved files and the Source Control message box. */
const REFERENCE_DOCUMENTS: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-scm' }];
/** Where they also have a hover (in code, a TODO's own hover names its task). */
const HOVER_DOCUMENTS: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'plaintext' }, { scheme: 'vscode-scm' }];

function rangeOf(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

function nameOf(task: Task, capabilities: Capabilities): string {
  const status = taskStatus(task);
  return status ? `${taskTitle(task)} · ${statusLabel(status, capabilities)}` : taskTitle(task);
}

/**
 * A task ID in any file or commit message is a link to its task editor, with a
 * hover naming it; the link runs our own command with the ID alone (checked again
 * there), never anything the text says.
 */
export class TaskReferenceLinks implements vscode.DocumentLinkProvider, vscode.HoverProvider {
  constructor(private readonly deps: TaskReferenceDeps) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    return referencesIn(document.getText(), this.deps.isTaskId).map((found) => {
      const link = new vscode.DocumentLink(rangeOf(document, found.start, found.end), vscode.Uri.parse(commandLinkTarget(Commands.openTask, [found.id])));
      const task = this.deps.store.task(found.id);
      link.tooltip = task ? vscode.l10n.t('Open "{0}"', nameOf(task, this.deps.capabilities())) : vscode.l10n.t('Open task {0}', found.id);
      return link;
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line).text;
    const found = referencesIn(line, this.deps.isTaskId).find((each) => each.start <= position.character && position.character <= each.end);
    const task = found && this.deps.store.task(found.id);
    if (!found || !task) return undefined;
    const text = new vscode.MarkdownString(`**${markdownText(nameOf(task, this.deps.capabilities()))}**`);
    return new vscode.Hover(text, new vscode.Range(position.line, found.start, position.line, found.end));
  }
}

/**
 * Completion of task references: after `#` in the Source Control message box, or
 * on an explicit request anywhere, the loaded tasks by title, the active one and
 * my open ones first. From the store: no request per keystroke.
 */
export class TaskReferenceCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly deps: TaskReferenceDeps) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext): vscode.CompletionItem[] {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const hash = /#([\w-]*)$/.exec(before);
    if (document.uri.scheme === 'vscode-scm' ? !hash : context.triggerKind !== vscode.CompletionTriggerKind.Invoke) return [];
    const replacing = hash ? new vscode.Range(position.line, position.character - hash[0].length, position.line, position.character) : undefined;
    const active = this.deps.work.active?.id;
    const me = this.deps.me();
    const rank = (task: Task) => (task.id === active ? '0' : me !== undefined && task.assignee === me && isOpen(task) ? '1' : isOpen(task) ? '2' : '3');
    return this.deps.store.loadedTasks().map((task) => {
      const item = new vscode.CompletionItem({ label: iconText(taskTitle(task)), description: task.id }, vscode.CompletionItemKind.Reference);
      item.insertText = task.id;
      item.filterText = `${hash?.[0] ?? ''}${taskTitle(task)} ${task.id}`;
      item.sortText = `${rank(task)}${taskTitle(task).toLowerCase()}`;
      item.detail = nameOf(task, this.deps.capabilities());
      if (replacing) item.range = replacing;
      return item;
    });
  }
}

function isOpen(task: Task): boolean {
  const status = taskStatus(task);
  return status === 'TODO' || status === 'IN_PROGRESS';
}

/** Links, hovers and completion of task references, registered where each belongs. */
export function registerTaskReferences(deps: TaskReferenceDeps): vscode.Disposable[] {
  const links = new TaskReferenceLinks(deps);
  return [
    vscode.languages.registerDocumentLinkProvider(REFERENCE_DOCUMENTS, links),
    vscode.languages.registerHoverProvider(HOVER_DOCUMENTS, links),
    vscode.languages.registerCompletionItemProvider(REFERENCE_DOCUMENTS, new TaskReferenceCompletions(deps), '#'),
  ];
}
