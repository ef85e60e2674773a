/** What task references in files and commit messages offer: a link to the task, a hover naming it, completion of IDs (taskReferences.ts registers them). */
import * as vscode from 'vscode';
import { type Capabilities, isOpenTask, type Task, taskStatus, taskTitle } from '../api/domain';
import { Commands } from '../constants';
import { commandLinkTarget, iconText, markdownText } from '../ui/safeText';
import { statusLabel } from '../ui/statusLabel';
import { referencesIn } from './referenceText';
import type { TaskReferenceDeps } from './taskReferences';

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
    if (!found || !task || this.deps.todoReferenceAt(document, position.line) === found.id) return undefined;
    const text = new vscode.MarkdownString(`**${markdownText(nameOf(task, this.deps.capabilities()))}**`);
    return new vscode.Hover(text, new vscode.Range(position.line, found.start, position.line, found.end));
  }
}

/** A typed title this long is also searched for on the server, once typing pauses. */
const SEARCH_FROM = 3;
const SEARCH_PAUSE_MS = 300;

/**
 * Completion of task references: after `#` in the Source Control message box,
 * after a TODO tag's `(`, or on an explicit request anywhere: the loaded tasks by
 * title, the active one and my open ones first; a server search by title only
 * once typing pauses (the store's search, within the rate limit).
 */
export class TaskReferenceCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly deps: TaskReferenceDeps) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken, context: vscode.CompletionContext): Promise<vscode.CompletionList> {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const hash = document.uri.scheme === 'vscode-scm' ? /#([^\s#]*)$/u.exec(before) : undefined;
    const tag = /([\p{L}\p{N}_]+)\(([^()\s]*)$/u.exec(before);
    const afterTag = tag && this.deps.todoTags().includes(tag[1]) ? tag : undefined;
    if (!hash && !afterTag && context.triggerKind !== vscode.CompletionTriggerKind.Invoke) return new vscode.CompletionList([]);
    const typed = hash?.[1] ?? afterTag?.[2] ?? '';
    const replacing = hash ? new vscode.Range(position.line, position.character - hash[0].length, position.line, position.character) : undefined;
    const tasks = new Map(this.deps.store.loadedTasks().map((task) => [task.id, task]));
    if (typed.length >= SEARCH_FROM) {
      await new Promise((resolve) => setTimeout(resolve, SEARCH_PAUSE_MS));
      if (token.isCancellationRequested) return new vscode.CompletionList([], true);
      for (const task of await this.deps.store.searchTitles(typed).catch((): Task[] => [])) tasks.set(task.id, task);
    }
    const items = [...tasks.values()].map((task) => this.item(task, hash?.[0], replacing));
    // Typing on asks again: the server may know more titles than those loaded.
    return new vscode.CompletionList(items, true);
  }

  private item(task: Task, typedPrefix: string | undefined, replacing: vscode.Range | undefined): vscode.CompletionItem {
    const active = this.deps.work.active?.id;
    const me = this.deps.me();
    const rank = task.id === active ? '0' : me !== undefined && task.assignee === me && isOpenTask(task) ? '1' : isOpenTask(task) ? '2' : '3';
    const item = new vscode.CompletionItem({ label: iconText(taskTitle(task)), description: task.id }, vscode.CompletionItemKind.Reference);
    item.insertText = task.id;
    item.filterText = `${typedPrefix ?? ''}${taskTitle(task)} ${task.id}`;
    item.sortText = `${rank}${taskTitle(task).toLowerCase()}`;
    item.detail = nameOf(task, this.deps.capabilities());
    if (replacing) item.range = replacing;
    return item;
  }
}

