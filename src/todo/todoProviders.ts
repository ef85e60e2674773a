/**
 * What a TODO comment shows in the editor: a quick fix and a CodeLens to create
 * its task, the linked task's title and status on hover and in a CodeLens, a hint
 * (with a fix that removes the comment) once that task is done, and one (with a
 * fix that removes the reference) once the service no longer has it.
 */
import * as vscode from 'vscode';
import { type Capabilities, isOpenTask, type Task, taskStatus, taskTitle } from '../api/domain';
import { Commands } from '../constants';
import type { TodoComment } from './detect';
import type { DocumentTodos } from './documentTodos';
import type { ReferencedTasks } from './referencedTasks';
import type { NameRecords } from '../tasks/relatedRecords';
import { iconText, labelText } from '../ui/safeText';
import { statusLabel } from '../ui/statusLabel';
import { onFirstUse } from '../lazy';
import { Disposable, Timer } from '../lifecycle';

export const DONE_DIAGNOSTIC_CODE = 'lightfield.taskDone';
/** On a TODO whose task the service no longer has (deleted): a fix removes the reference and keeps the comment. */
export const GONE_DIAGNOSTIC_CODE = 'lightfield.taskGone';

export interface TodoProviderDeps {
  todos: DocumentTodos;
  tasks: ReferencedTasks;
  /** The chosen service: its name for the actions' titles, its names of the statuses. */
  capabilities: () => Capabilities;
  codeLensEnabled: () => boolean;
  canCreate: () => boolean;
  /** Names of the records a task links to (accounts, say), for the hover. */
  nameRecords: NameRecords;
}

export function tagRange(todo: TodoComment): vscode.Range {
  return new vscode.Range(todo.line, todo.tagStart, todo.line, todo.tagEnd);
}

export function describe(task: Task, capabilities: Capabilities): string {
  const status = taskStatus(task);
  return `${taskTitle(task)} · ${status ? statusLabel(status, capabilities) : vscode.l10n.t('unknown status')}`;
}

export function isDone(task: Task | undefined): boolean {
  return task !== undefined && isOpenTask(task) === false;
}

class TodoLens extends vscode.CodeLens {
  constructor(
    readonly todo: TodoComment,
    readonly uri: vscode.Uri,
    /** The lens naming the task (or offering to create it), or the one to start working on it. */
    readonly purpose: 'task' | 'work' = 'task',
  ) {
    super(tagRange(todo));
  }
}

export class TodoCodeLenses extends Disposable implements vscode.CodeLensProvider<TodoLens> {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly deps: TodoProviderDeps) {
    super();
    this.register(deps.tasks.onDidChange(() => this.changed.fire()));
  }

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): TodoLens[] {
    if (!this.deps.codeLensEnabled()) return [];
    return this.deps.todos
      .all(document)
      .filter((todo) => todo.reference || this.deps.canCreate())
      .flatMap((todo) => {
        const known = todo.reference ? this.deps.tasks.peek(todo.reference) : undefined;
        // Work starts on a task known to be open; one not read yet gets its lens when it is.
        return known && !isDone(known) ? [new TodoLens(todo, document.uri), new TodoLens(todo, document.uri, 'work')] : [new TodoLens(todo, document.uri)];
      });
  }

  async resolveCodeLens(lens: TodoLens): Promise<TodoLens> {
    const { todo } = lens;
    if (lens.purpose === 'work' && todo.reference) {
      lens.command = { command: Commands.startWorking, title: `$(target) ${vscode.l10n.t('Start Working')}`, arguments: [todo.reference] };
      return lens;
    }
    if (!todo.reference) {
      lens.command = { command: Commands.createTaskFromTodo, title: `$(add) ${vscode.l10n.t('Create {0} task', this.deps.capabilities().name)}`, arguments: [lens.uri, todo.line] };
      return lens;
    }
    const task = await this.deps.tasks.get(todo.reference);
    lens.command = task
      ? { command: Commands.openTask, title: `$(tasklist) ${iconText(describe(task, this.deps.capabilities()))}`, arguments: [task.id] }
      : { command: '', title: `$(question) ${iconText(vscode.l10n.t('Task {0} not found', todo.reference))}` };
    return lens;
  }
}

/**
 * Hints on TODOs whose task is complete or cancelled, for the documents shown in
 * editors: a document opened out of sight (by another extension, say) asks the
 * service nothing.
 */
export class DoneTodoDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('lightfield'));
  private readonly timer = this.register(new Timer());

  constructor(private readonly deps: TodoProviderDeps) {
    super();
    const soon = () => this.schedule();
    this.register(vscode.window.onDidChangeVisibleTextEditors(soon));
    this.register(vscode.workspace.onDidChangeTextDocument(soon));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)));
    this.register(deps.tasks.onDidChange(soon));
    this.schedule();
  }

  /** Updates are debounced: typing does not rescan on every key. */
  schedule(): void {
    this.timer.set(300, () => this.update());
  }

  update(): void {
    for (const document of new Set(vscode.window.visibleTextEditors.map((editor) => editor.document))) {
      if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') continue;
      const diagnostics: vscode.Diagnostic[] = [];
      for (const todo of this.deps.todos.all(document)) {
        if (!todo.reference) continue;
        const task = this.deps.tasks.peek(todo.reference);
        if (!task && this.deps.tasks.isGone(todo.reference)) {
          diagnostics.push(this.goneHint(document, todo, todo.reference));
          continue;
        }
        if (!task || !isDone(task)) continue;
        const status = taskStatus(task) === 'COMPLETE' ? vscode.l10n.t('complete') : vscode.l10n.t('cancelled');
        const end = document.lineAt(todo.line).text.length;
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(todo.line, todo.tagStart, todo.line, end),
          labelText(vscode.l10n.t('Task "{0}" is {1}: remove this TODO?', taskTitle(task), status)),
          vscode.DiagnosticSeverity.Hint,
        );
        diagnostic.code = DONE_DIAGNOSTIC_CODE;
        diagnostic.source = this.deps.capabilities().name;
        diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
        diagnostics.push(diagnostic);
      }
      this.collection.set(document.uri, diagnostics);
    }
  }

  private goneHint(document: vscode.TextDocument, todo: TodoComment, id: string): vscode.Diagnostic {
    const service = this.deps.capabilities().name;
    const range = new vscode.Range(todo.line, todo.tagStart, todo.line, document.lineAt(todo.line).text.length);
    const diagnostic = new vscode.Diagnostic(range, labelText(vscode.l10n.t('{0} no longer has task {1} (was it deleted?): remove the reference?', service, id)), vscode.DiagnosticSeverity.Hint);
    diagnostic.code = GONE_DIAGNOSTIC_CODE;
    diagnostic.source = service;
    return diagnostic;
  }
}

/** The quick fixes and hovers of TODO comments; what they do (todoActions.ts) loads with the first one asked for. */
export function registerTodoActions(selector: vscode.DocumentSelector, deps: TodoProviderDeps): vscode.Disposable[] {
  const providers = onFirstUse(async () => {
    const { TodoCodeActions, TodoHovers } = await import('./todoActions');
    return { actions: new TodoCodeActions(deps), hovers: new TodoHovers(deps) };
  });
  return [
    vscode.languages.registerCodeActionsProvider(
      selector,
      { provideCodeActions: async (document, range, context) => (await providers()).actions.provideCodeActions(document, range, context) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
    vscode.languages.registerHoverProvider(selector, { provideHover: async (document, position) => (await providers()).hovers.provideHover(document, position) }),
  ];
}
