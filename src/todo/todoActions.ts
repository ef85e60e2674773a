/**
 * What a TODO comment offers when asked: the quick fixes (create its task; remove
 * the comment once its task is done, or the reference once the task is gone) and
 * the hover naming its task. Loaded with the first one (todoProviders.ts registers them).
 */
import * as vscode from 'vscode';
import { taskStatus, taskTitle } from '../api/domain';
import { Commands } from '../constants';
import { removalRange, type TodoComment } from './detect';
import { DONE_DIAGNOSTIC_CODE, GONE_DIAGNOSTIC_CODE, tagRange, type TodoProviderDeps } from './todoProviders';
import { relatedRows } from '../tasks/relatedRecords';
import { commandLinkTarget, markdownText } from '../ui/safeText';
import { webLinkOf } from '../shared/webLink';
import { statusLabel } from '../ui/statusLabel';

function createAction(document: vscode.TextDocument, todo: TodoComment, service: string): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Create {0} task', service), vscode.CodeActionKind.QuickFix);
  action.command = { command: Commands.createTaskFromTodo, title: action.title, arguments: [document.uri, todo.line] };
  return action;
}

function removeAction(document: vscode.TextDocument, todo: TodoComment, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Remove this TODO comment'), vscode.CodeActionKind.QuickFix);
  const range = removalRange(document, todo);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.delete(document.uri, new vscode.Range(range.startLine, range.startColumn, range.endLine, range.endColumn));
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

function removeReferenceAction(document: vscode.TextDocument, todo: TodoComment, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(vscode.l10n.t('Remove the task reference'), vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  // `TODO(id)` (or the configured format) becomes the bare tag; the comment's text stays.
  action.edit.replace(document.uri, tagRange(todo), todo.tag);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

export class TodoCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly deps: TodoProviderDeps) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.code !== DONE_DIAGNOSTIC_CODE && diagnostic.code !== GONE_DIAGNOSTIC_CODE) continue;
      const todo = this.deps.todos.at(document, diagnostic.range.start.line);
      if (todo?.reference) actions.push((diagnostic.code === DONE_DIAGNOSTIC_CODE ? removeAction : removeReferenceAction)(document, todo, diagnostic));
    }
    if (this.deps.canCreate()) {
      const todo = this.deps.todos.at(document, range.start.line);
      if (todo && !todo.reference) actions.push(createAction(document, todo, this.deps.capabilities().name));
    }
    return actions;
  }
}

export class TodoHovers implements vscode.HoverProvider {
  constructor(private readonly deps: TodoProviderDeps) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const todo = this.deps.todos.at(document, position.line);
    if (!todo?.reference || position.line !== todo.line) return undefined;
    const task = await this.deps.tasks.get(todo.reference);
    const text = new vscode.MarkdownString();
    // Only our own command may run from this hover, and no theme icons render in it; every text from the
    // server or the file goes in through markdownText.
    text.isTrusted = { enabledCommands: [Commands.openTask, Commands.openInWebApp] };
    if (!task) {
      const missing = this.deps.tasks.belongsHere(todo.reference)
        ? vscode.l10n.t('{0} task {1} could not be found.', this.deps.capabilities().name, todo.reference)
        : vscode.l10n.t('{0} is not a {1} task ID: it may belong to another service.', todo.reference, this.deps.capabilities().name);
      text.appendMarkdown(markdownText(missing));
      return new vscode.Hover(text, tagRange(todo));
    }
    text.appendMarkdown(`**${markdownText(taskTitle(task))}**\n\n`);
    const status = taskStatus(task);
    if (status) text.appendMarkdown(`${markdownText(`${vscode.l10n.t('Status')}: ${statusLabel(status, this.deps.capabilities())}`)}\n\n`);
    for (const [label, names] of await relatedRows(task, this.deps.nameRecords)) text.appendMarkdown(`${markdownText(`${label}: ${names}`)}\n\n`);
    text.appendMarkdown(`[${markdownText(vscode.l10n.t('Open task'))}](${commandLinkTarget(Commands.openTask, [task.id])})`);
    // The service's page through our own command, which checks the link again before it opens anything.
    if (webLinkOf(task.webLink)) text.appendMarkdown(` · [${markdownText(vscode.l10n.t('Open in {0}', this.deps.capabilities().name))}](${commandLinkTarget(Commands.openInWebApp, [task.id])})`);
    return new vscode.Hover(text, tagRange(todo));
  }
}
