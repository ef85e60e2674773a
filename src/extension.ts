import './api/zodSetup';
import * as vscode from 'vscode';
import type { Member } from './api/model';
import { Session } from './auth/session';
import { confirmSignOut, environmentKey, offerEnvironmentKey, setApiKey, useEnvironmentKey } from './auth/signIn';
import { onDidChangeSettings, readSettings, type Settings } from './config';
import { Commands, ContextKeys } from './constants';
import { TaskEditorProvider } from './editor/taskEditorProvider';
import { TASK_EDITOR_VIEW_TYPE } from './editor/taskUri';
import { createLog } from './log';
import { ExtensionState } from './state';
import { ProviderCache } from './tasks/providerCache';
import { RefreshScheduler } from './tasks/refreshScheduler';
import { registerTaskCommands } from './tasks/taskCommands';
import { type StoreSettings, TaskStore } from './tasks/taskStore';
import { TaskView } from './tasks/taskView';
import { createTaskFromTodo } from './todo/createFromTodo';
import type { DetectOptions } from './todo/detect';
import { DocumentTodos } from './todo/documentTodos';
import { ReferenceFormat } from './todo/reference';
import { ReferencedTasks } from './todo/referencedTasks';
import { DoneTodoDiagnostics, TodoCodeActions, TodoCodeLenses, TodoHovers, type TodoProviderDeps } from './todo/todoProviders';
import { isTodoNode, TodoView } from './todo/todoView';
import { ErrorReporter } from './ui/errorReporter';
import { showError } from './ui/notify';

/** What the extension hands to its own integration tests, and only to them (in `ExtensionMode.Test`). */
export interface LightfieldExtensionApi {
  store: TaskStore;
  view: TaskView;
  session: Session;
  editor: TaskEditorProvider;
  diagnostics: DoneTodoDiagnostics;
  todoView: TodoView;
  state: ExtensionState;
}

export async function activate(context: vscode.ExtensionContext): Promise<LightfieldExtensionApi | undefined> {
  try {
    const api = await wire(context);
    return context.extensionMode === vscode.ExtensionMode.Test ? api : undefined;
  } catch (error) {
    // VS Code shows nothing of a failed activation on its own.
    void showError(vscode.l10n.t('Lightfield Tasks failed to start: {0}', String(error)));
    throw error;
  }
}

async function wire(context: vscode.ExtensionContext): Promise<LightfieldExtensionApi> {
  const log = createLog();
  const state = new ExtensionState(context);
  let settings = readSettings();
  // What TODO detection reads; one object per settings change, so caches can key on it.
  const detectOptionsOf = (current: Settings): DetectOptions => ({ tags: current.todoTags, reference: new ReferenceFormat(current.referenceFormat) });
  let detectOptions = detectOptionsOf(settings);
  const storeSettings = (): StoreSettings => ({
    pageSize: settings.pageSize,
    statuses: settings.statuses,
    assignee: state.filter.get() === 'mine' ? state.me(settings.baseUrl).get() : undefined,
  });
  const session = new Session(context.secrets, settings.baseUrl, log);
  const errors = new ErrorReporter(log);
  const store = new TaskStore(() => session.provider, storeSettings());
  const members = new ProviderCache<Map<string, Member>>(
    () => session.provider,
    async (provider) => new Map((await provider.listAllMembers()).map((member) => [member.id, member])),
  );
  const definitions = new ProviderCache(() => session.provider, (provider) => provider.definitions());
  const view = new TaskView(store, session, state, errors, members, () => settings, log);
  const editor = new TaskEditorProvider({
    extensionUri: context.extensionUri,
    store,
    session,
    errors,
    definitions,
    members,
    defaultAssignee: () => settings.defaultAssignee,
    log,
  });
  const todos = new DocumentTodos(() => detectOptions);
  const referenced = new ReferencedTasks(store);
  const todoDeps: TodoProviderDeps = {
    todos,
    tasks: referenced,
    codeLensEnabled: () => settings.todoCodeLens,
    canCreate: () => session.signedIn && session.can('tasks:create'),
  };
  const lenses = new TodoCodeLenses(todoDeps);
  const diagnostics = new DoneTodoDiagnostics(todoDeps);
  const todoView = new TodoView(todos, () => detectOptions);
  const sourceFiles: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];
  const scheduler = new RefreshScheduler(() => view.refresh(), () => settings.refreshIntervalSeconds, view.view);

  context.subscriptions.push(
    log,
    session,
    view,
    scheduler,
    vscode.window.registerCustomEditorProvider(TASK_EDITOR_VIEW_TYPE, editor, { supportsMultipleEditorsPerDocument: false }),
    ...registerTaskCommands({ log, store, view, session, errors, state, members, settings: () => settings }),
    // Neither takes arguments: a `command:` link must not be able to set or drop the key.
    vscode.commands.registerCommand(Commands.setApiKey, () => setApiKey(session, settings.baseUrl)),
    vscode.commands.registerCommand(Commands.signOut, () => confirmSignOut(session, settings.baseUrl)),
    vscode.commands.registerCommand(Commands.useEnvironmentKey, () => useEnvironmentKey(session, settings.baseUrl)),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    referenced,
    lenses,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(sourceFiles, new TodoCodeActions(todoDeps), TodoCodeActions.metadata),
    vscode.languages.registerCodeLensProvider(sourceFiles, lenses),
    vscode.languages.registerHoverProvider(sourceFiles, new TodoHovers(todoDeps)),
    todoView,
    vscode.commands.registerCommand(Commands.createTaskFromTodo, (target?: unknown, line?: unknown, answers?: unknown) => {
      const deps = { store, session, todos, members, state, errors, settings: () => settings };
      if (isTodoNode(target)) return createTaskFromTodo(deps, target.uri, target.todo.line);
      // Prepared answers skip the questions, so only the tests may give them.
      return createTaskFromTodo(deps, target, line, context.extensionMode === vscode.ExtensionMode.Test ? answers : undefined);
    }),
    session.onDidChangeAccount((baseUrl) => void state.forgetAccount(baseUrl)),
    session.onDidChange((change) => {
      if (change === 'connection') {
        store.clear();
        if (session.signedIn) view.restoreSnapshot();
        if (session.signedIn && view.view.visible) void scheduler.run();
      }
      view.tree.refresh();
      view.updateChrome();
      lenses.refresh();
    }),
    onDidChangeSettings((changed) => applySettings(changed)),
  );

  function applySettings(changed: (keyof Settings)[]): void {
    settings = readSettings();
    detectOptions = detectOptionsOf(settings);
    if (changed.includes('baseUrl')) void session.setBaseUrl(settings.baseUrl);
    if (changed.includes('pageSize') || changed.includes('statuses')) {
      store.configure(storeSettings());
      void scheduler.run();
    }
    if (changed.includes('sortOrder')) view.tree.refresh();
    if (changed.includes('refreshIntervalSeconds')) scheduler.schedule();
    if (changed.some((key) => key === 'todoTags' || key === 'todoCodeLens' || key === 'referenceFormat')) {
      lenses.refresh();
      diagnostics.schedule();
      todoView.rescan();
    }
  }

  void vscode.commands.executeCommand('setContext', ContextKeys.filter, storeSettings().assignee ? 'mine' : 'all');
  void vscode.commands.executeCommand('setContext', ContextKeys.environmentKey, environmentKey() !== undefined);
  await session.load();
  void offerEnvironmentKey(session, state, settings.baseUrl);
  return { store, view, session, editor, diagnostics, todoView, state };
}

export function deactivate(): void {}
