import './api/zodSetup';
import * as vscode from 'vscode';
import type { Member } from './api/domain';
import { Session } from './auth/session';
import { environmentKey } from './auth/environmentKey';
import { onDidChangeSettings, readSettings, type Settings } from './config';
import { Commands, ContextKeys, SIGN_IN_COMMANDS, TASK_COMMANDS, WORK_COMMANDS } from './constants';
import { registerCommandsOnFirstUse } from './lazyCommands';
import { TaskEditor } from './editor/taskEditor';
import { TASK_EDITOR_VIEW_TYPE } from './editor/taskUri';
import { createLog } from './log';
import { ExtensionState } from './state';
import { ProviderCache } from './tasks/providerCache';
import { RefreshScheduler } from './tasks/refreshScheduler';
import type { StoreSettings } from './tasks/listings';
import { TaskStore } from './tasks/taskStore';
import { TaskView } from './tasks/taskView';
import type { DetectOptions } from './todo/detect';
import { DocumentTodos } from './todo/documentTodos';
import { KnownTaskIds } from './todo/knownTaskIds';
import { ReferenceFormat } from './todo/reference';
import { ReferencedTasks } from './todo/referencedTasks';
import { DoneTodoDiagnostics, registerTodoActions, TodoCodeLenses, type TodoProviderDeps } from './todo/todoProviders';
import { isTodoNode, TodoView } from './todo/todoView';
import { taskResolver } from './tasks/taskArgument';
import { registerTaskTools } from './agent/toolRegistration';
import { describeError } from './ui/describeError';
import { ErrorReporter } from './ui/errorReporter';
import { defaultAssignee, type People, whoIsMe } from './ui/memberPick';
import { showError } from './ui/notify';
import { ActiveWork } from './work/activeWork';
import { CommitReference } from './work/commitReference';
import { DueStatusBar } from './work/dueStatusBar';
import { WorkStatusBar } from './work/workStatusBar';
import { registerTaskReferences } from './work/taskReferences';

/** What the extension hands to its own integration tests, and only to them (in `ExtensionMode.Test`). */
export interface LightfieldExtensionApi {
  store: TaskStore;
  view: TaskView;
  session: Session;
  diagnostics: DoneTodoDiagnostics;
  todoView: TodoView;
  state: ExtensionState;
  work: ActiveWork;
}

export function activate(context: vscode.ExtensionContext): LightfieldExtensionApi | undefined {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const api = wire(context, log);
    // For the log, and for the integration run, which reports it.
    log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);
    return context.extensionMode === vscode.ExtensionMode.Test ? api : undefined;
  } catch (error) {
    // VS Code shows nothing of a failed activation on its own.
    void showError(vscode.l10n.t('Lightfield Tasks failed to start: {0}', describeError(error)));
    throw error;
  }
}

function wire(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LightfieldExtensionApi {
  const state = new ExtensionState(context);
  let settings = readSettings();
  // What TODO detection reads; one object per settings change, so caches can key on it.
  const detectOptionsOf = (current: Settings): DetectOptions => ({
    tags: current.todoTags,
    reference: new ReferenceFormat(current.referenceFormat),
    isTaskId: (id) => taskIds.isReference(id),
  });
  let detectOptions = detectOptionsOf(settings);
  const session = new Session(context.secrets, settings.service, settings.baseUrl, log, (connection) => {
    const stored = state.serviceMemory(connection);
    return { read: () => stored.get(), write: (value) => void stored.set(value) };
  });
  const errors = new ErrorReporter(log);
  const members = new ProviderCache<Map<string, Member>>(
    () => session.provider,
    async (provider) => new Map((await provider.listMembers()).map((member) => [member.id, member])),
  );
  // Who "me" is and whom new tasks go to, in one order everywhere (memberPick.ts).
  const people: People = { session, members, errors, configuredAssignee: () => settings.defaultAssignee, rememberedMe: () => state.me(session.connection).get() };
  // The groups the service has, of those the user chose; "Mine" is the key's own member where the service says who that is.
  const storeSettings = (): StoreSettings => {
    const { capabilities } = session;
    return {
      pageSize: Math.min(settings.pageSize, capabilities.maxPageSize),
      statuses: settings.statuses.filter((status) => capabilities.statuses.includes(status)),
      assignee: state.filter.get() === 'mine' ? whoIsMe(people) : undefined,
    };
  };
  // A secret storage that cannot be read (no keyring on Linux, say) is said, not swallowed.
  const keyUnreadable = (error: unknown) => errors.report(vscode.l10n.t('Could not read the API key from VS Code\'s secret storage'), error);
  const store = new TaskStore(() => session.provider, storeSettings());
  const taskIds = new KnownTaskIds(store, () => ({ key: session.connection, guessedPattern: session.capabilities.taskIdPattern }));
  const descriptions = new ProviderCache(() => session.provider, (provider) => provider.describeTasks());
  // Once the tree has loaded, the editor's description and the members are read ahead: opening a task then waits for the task alone.
  const warmEditor = () => {
    void descriptions.get().catch(() => undefined);
    if (session.can('readMembers')) void members.get().catch(() => undefined);
  };
  const view = new TaskView(store, session, state, errors, members, () => settings, log, warmEditor);
  const editor = new TaskEditor({
    extensionUri: context.extensionUri,
    store,
    session,
    errors,
    descriptions,
    members,
    defaultAssignee: () => defaultAssignee(people),
    log,
  });
  const todos = new DocumentTodos(() => detectOptions);
  const referenced = new ReferencedTasks(store, (id) => taskIds.matches(id));
  const todoDeps: TodoProviderDeps = {
    todos,
    tasks: referenced,
    capabilities: () => session.capabilities,
    codeLensEnabled: () => settings.todoCodeLens,
    canCreate: () => session.signedIn && session.can('create'),
    nameRecords: (objectType, ids) => session.provider?.nameRecords(objectType, ids) ?? Promise.resolve([]),
  };
  const lenses = new TodoCodeLenses(todoDeps);
  const diagnostics = new DoneTodoDiagnostics(todoDeps);
  const todoView = new TodoView(todos, () => detectOptions, log, {
    file: context.storageUri?.scheme === 'file' ? vscode.Uri.joinPath(context.storageUri, 'todo-scan.json').fsPath : undefined,
    version: String((context.extension.packageJSON as { version?: unknown }).version),
  });
  const sourceFiles: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];
  const scheduler = new RefreshScheduler(() => view.refresh(), () => settings.refreshIntervalSeconds, view.view);
  const work = new ActiveWork(state, () => session.connection);
  const dueBar = new DueStatusBar(store, () => whoIsMe(people), () => settings.dueCount);

  context.subscriptions.push(
    session,
    taskIds,
    // A newly learned ID shape: comments read before may name tasks after all.
    taskIds.onDidChange(() => {
      detectOptions = detectOptionsOf(settings);
      lenses.refresh();
      diagnostics.schedule();
      // Rare (an ID shape grows a few times per connection at most); the workspace's TODOs are read again with it.
      todoView.rescan();
    }),
    view,
    scheduler,
    editor,
    vscode.window.registerCustomEditorProvider(TASK_EDITOR_VIEW_TYPE, editor, { supportsMultipleEditorsPerDocument: false }),
    ...registerCommandsOnFirstUse(TASK_COMMANDS, async () => (await import('./tasks/taskCommands')).taskCommandHandlers({ log, store, view, session, errors, state, people })),
    ...registerCommandsOnFirstUse(SIGN_IN_COMMANDS, async () => (await import('./auth/signIn')).signInCommandHandlers(session, () => settings)),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    referenced,
    lenses,
    diagnostics,
    ...registerTodoActions(sourceFiles, todoDeps),
    vscode.languages.registerCodeLensProvider(sourceFiles, lenses),
    todoView,
    work,
    new WorkStatusBar(work, store),
    dueBar,
    new CommitReference(work, () => settings.commitReference),
    ...registerCommandsOnFirstUse(WORK_COMMANDS, async () =>
      (await import('./work/workCommands')).workCommandHandlers({ store, session, work, errors, state, settings: () => settings, resolveTask: taskResolver(store, log) }),
    ),
    ...registerTaskReferences({ store, work, capabilities: () => session.capabilities, isTaskId: (id) => taskIds.isKnownOrGuessed(id), me: () => whoIsMe(people), todoReferenceAt: (document, line) => todos.at(document, line)?.reference, todoTags: () => settings.todoTags }),
    vscode.commands.registerCommand(Commands.createTaskFromTodo, async (target?: unknown, line?: unknown, answers?: unknown) => {
      const deps = { store, session, todos, state, errors, people };
      const { createTaskFromTodo } = await import('./todo/createFromTodo');
      if (isTodoNode(target)) return createTaskFromTodo(deps, target.uri, target.todo.line);
      // Prepared answers skip the questions, so only the tests may give them.
      return createTaskFromTodo(deps, target, line, context.extensionMode === vscode.ExtensionMode.Test ? answers : undefined);
    }),
    ...registerTaskTools({ store, session, people, state, todos, descriptions, isTaskId: (id) => taskIds.isKnownOrGuessed(id) }, log),
    session.onDidChangeAccount((connection) => void state.forgetAccount(connection)),
    session.onDidChange((change) => {
      if (change === 'connection') {
        // Another service, server or account: nothing of the last one may show.
        store.clear();
        store.configure(storeSettings());
        if (session.signedIn) view.restoreSnapshot();
        if (session.signedIn && view.view.visible) void scheduler.run();
        work.connectionChanged();
        view.tree.forgetNames();
      } else {
        // The key's own member is now known: "Mine" means them.
        if (session.me) void state.me(session.connection).set(session.me);
        store.configure(storeSettings());
      }
      // "Mine" shows as chosen only while there is a "me" to filter by.
      void vscode.commands.executeCommand('setContext', ContextKeys.filter, store.currentSettings.assignee ? 'mine' : 'all');
      view.tree.refresh();
      view.updateChrome();
      lenses.refresh();
      diagnostics.schedule();
    }),
    onDidChangeSettings((changed) => applySettings(changed)),
  );

  function applySettings(changed: (keyof Settings)[]): void {
    settings = readSettings();
    detectOptions = detectOptionsOf(settings);
    if (changed.includes('service') || changed.includes('baseUrl')) {
      void vscode.commands.executeCommand('setContext', ContextKeys.environmentKey, environmentKey(settings) !== undefined);
      session.connect(settings.service, settings.baseUrl).catch(keyUnreadable);
    }
    if (changed.includes('pageSize') || changed.includes('statuses')) {
      store.configure(storeSettings());
      void scheduler.run();
    }
    if (changed.includes('sortOrder') || changed.includes('groupBy')) view.tree.refresh();
    if (changed.includes('dueCount')) dueBar.update();
    if (changed.includes('groupBy')) void vscode.commands.executeCommand('setContext', ContextKeys.groupBy, settings.groupBy);
    if (changed.includes('refreshIntervalSeconds')) scheduler.schedule();
    if (changed.some((key) => key === 'todoTags' || key === 'todoCodeLens' || key === 'referenceFormat')) {
      lenses.refresh();
      diagnostics.schedule();
      todoView.rescan();
    }
  }

  void vscode.commands.executeCommand('setContext', ContextKeys.filter, storeSettings().assignee ? 'mine' : 'all');
  void vscode.commands.executeCommand('setContext', ContextKeys.environmentKey, environmentKey(settings) !== undefined);
  void vscode.commands.executeCommand('setContext', ContextKeys.groupBy, settings.groupBy);
  // Not awaited: activation returns at once, and the view fills in when the key has been read (an
  // editor restored after a reload waits for `session.loaded`).
  session.load().then(async () => {
    if (environmentKey(settings)) await (await import('./auth/signIn')).offerEnvironmentKey(session, state, settings);
  }, keyUnreadable);
  void work.attach();
  return { store, view, session, diagnostics, todoView, state, work };
}

export function deactivate(): void {}
