import * as vscode from 'vscode';
import type { Capabilities, Task } from '../api/domain';
import type { Permission, Session } from '../auth/session';
import { newTaskUri, TASK_EDITOR_VIEW_TYPE, taskEditorUri, taskIdOf } from '../editor/taskUri';
import type { GroupBy } from '../config';
import { CONFIG_SECTION, Commands, ContextKeys, type TASK_COMMANDS, Views } from '../constants';
import type { CommandHandlers } from '../lazyCommands';
import type { ExtensionState, FilterMode } from '../state';
import type { ErrorReporter } from '../ui/errorReporter';
import { askModal, flashStatus, showWarning } from '../ui/notify';
import { type People, pickMember, whoIsMe } from '../ui/memberPick';
import { serviceOffers, STATUS_ACTIONS, type StatusAction } from './grouping';
import { taskTitle } from '../api/domain';
import { pickTask } from './taskPicker';
import { taskResolver } from './taskArgument';
import type { TaskStore } from './taskStore';
import { LoadMoreNode, safeLink } from './taskTree';
import type { TaskView } from './taskView';
import { statusLabel } from '../ui/statusLabel';

async function confirmMove(task: Task, label: string): Promise<boolean> {
  const move = vscode.l10n.t('Move to {0}', label);
  const choice = await askModal(vscode.l10n.t('Move "{0}" to {1}?', taskTitle(task), label), task.id, move);
  return choice === move;
}

const PERMISSION_NAMES: Record<Permission, string> = { create: 'create tasks', update: 'change tasks', delete: 'delete tasks', readMembers: 'list members' };

/** Asks before deleting, naming the task and whether the service keeps it restorable. */
async function confirmDelete(task: Task, capabilities: Capabilities): Promise<boolean> {
  const remove = vscode.l10n.t('Delete');
  const serviceName = capabilities.name;
  const detail = capabilities.trash
    ? vscode.l10n.t('{0} moves it to the trash, where it can be restored in the web app.', serviceName)
    : vscode.l10n.t('{0} deletes it for good.', serviceName);
  return (await askModal(vscode.l10n.t('Delete the task "{0}"?', taskTitle(task)), detail, remove)) === remove;
}

export interface TaskCommandDeps {
  log: vscode.LogOutputChannel;
  store: TaskStore;
  view: TaskView;
  session: Session;
  errors: ErrorReporter;
  state: ExtensionState;
  people: People;
}

export function taskCommandHandlers(deps: TaskCommandDeps): CommandHandlers<(typeof TASK_COMMANDS)[number]> {
  const { store, view, session, errors, state, log } = deps;
  const { people } = deps;

  const resolveTask = taskResolver(store, log);

  function allowed(permission: Permission): boolean {
    if (session.can(permission)) return true;
    void showWarning(vscode.l10n.t('Your {0} API key may not {1}, so this is not available.', session.capabilities.name, PERMISSION_NAMES[permission]));
    return false;
  }

  /** A status move, for tasks in one of the statuses it starts from (the picker offers only those). */
  const move = (action: StatusAction) => async (arg?: unknown) => {
    const { to, from } = STATUS_ACTIONS[action];
    const { capabilities } = session;
    const label = statusLabel(to, capabilities);
    if (!serviceOffers(action, capabilities)) {
      void showWarning(vscode.l10n.t('{0} tasks have no status "{1}".', capabilities.name, label));
      return;
    }
    if (!allowed('update')) return;
    const task = await resolveTask(arg, vscode.l10n.t('Which task should move to {0}?', label), from.filter((status) => capabilities.statuses.includes(status)));
    if (!task) return;
    // A bare ID can come from a `command:` link; only the tree and the picker are the user's own choice.
    if (typeof arg === 'string' && !(await confirmMove(task, label))) return;
    try {
      await store.setStatus(task.id, to);
    } catch (error) {
      errors.report(vscode.l10n.t('"{0}" could not move to {1}; it is back where it was', taskTitle(task), label), error);
    }
  };

  async function setFilter(mode: FilterMode): Promise<void> {
    let assignee: string | undefined;
    if (mode === 'mine') {
      assignee = await whoAmI();
      if (!assignee) return;
    }
    await state.filter.set(mode);
    void vscode.commands.executeCommand('setContext', ContextKeys.filter, mode);
    store.configure({ ...store.currentSettings, assignee });
    view.restoreSnapshot();
    await view.refresh();
  }

  /** The member the user is (memberPick.ts); asked once per connection where nothing tells. */
  async function whoAmI(): Promise<string | undefined> {
    const known = whoIsMe(people);
    if (known) return known;
    const member = await pickMember(people, { placeHolder: vscode.l10n.t('Which member are you? (remembered for "Mine")') });
    if (member) await state.me(session.connection).set(member.id);
    return member?.id;
  }

  /** The tree's grouping, as a user setting (or the workspace's, where it has one). */
  const groupBy = (value: GroupBy) => async () => {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const target = config.inspect('groupBy')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('groupBy', value, target);
  };

  return {
    [Commands.groupByDueDate]: groupBy('dueDate'),
    [Commands.groupByStatus]: groupBy('status'),
    [Commands.groupByRecord]: groupBy('record'),
    [Commands.chooseGrouping]: async () => {
      const current = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('groupBy', 'status');
      const choices: (vscode.QuickPickItem & { value: GroupBy })[] = [
        { label: vscode.l10n.t('Status'), value: 'status' },
        { label: vscode.l10n.t('Due date'), description: vscode.l10n.t('open tasks'), value: 'dueDate' },
        { label: session.capabilities.belongsTo.label, description: vscode.l10n.t('open tasks'), value: 'record' },
      ];
      const picked = await vscode.window.showQuickPick(
        choices.map((choice) => ({ ...choice, picked: choice.value === current, detail: choice.value === current ? vscode.l10n.t('current') : undefined })),
        { placeHolder: vscode.l10n.t('Group the tasks by') },
      );
      if (picked) await groupBy(picked.value)();
    },
    [Commands.showDueTasks]: async () => {
      await groupBy('dueDate')();
      await vscode.commands.executeCommand(`${Views.tasks}.focus`);
    },
    [Commands.startTask]: move('start'),
    [Commands.completeTask]: move('complete'),
    [Commands.cancelTask]: move('cancel'),
    [Commands.reopenTask]: move('reopen'),
    [Commands.refresh]: () => view.refresh(),
    [Commands.loadMore]: (node?: unknown) => (node instanceof LoadMoreNode ? view.loadMore(node.status) : undefined),
    [Commands.openTask]: async (arg?: unknown) => {
      const task = await resolveTask(arg, vscode.l10n.t('Open which task?'));
      if (task) await vscode.commands.executeCommand('vscode.openWith', taskEditorUri(task), TASK_EDITOR_VIEW_TYPE);
    },
    [Commands.findTask]: async () => {
      const task = await pickTask(store, vscode.l10n.t('Find a task by its title'));
      if (task) await vscode.commands.executeCommand(Commands.openTask, task.id);
    },
    [Commands.openInWebApp]: async (arg?: unknown) => {
      const task = await resolveTask(arg, vscode.l10n.t('Open which task in {0}?', session.capabilities.name));
      const link = task && safeLink(task);
      if (link) await vscode.env.openExternal(link);
      else if (task) void showWarning(vscode.l10n.t('This task has no web link.'));
    },
    [Commands.copyTaskId]: async (arg?: unknown) => {
      const task = await resolveTask(arg, vscode.l10n.t('Copy the ID of which task?'));
      if (!task) return;
      await vscode.env.clipboard.writeText(task.id);
      flashStatus(vscode.l10n.t('Copied {0}', task.id), 3000);
    },
    [Commands.deleteTask]: async (arg?: unknown) => {
      if (!allowed('delete')) return;
      const task = await resolveTask(arg, vscode.l10n.t('Delete which task?'));
      if (!task || !(await confirmDelete(task, session.capabilities))) return;
      try {
        await store.delete(task.id);
        await closeEditorsOf(task.id);
        flashStatus(vscode.l10n.t('Deleted "{0}"', taskTitle(task)), 4000);
      } catch (error) {
        errors.report(vscode.l10n.t('"{0}" could not be deleted; it is back in the list', taskTitle(task)), error);
      }
    },
    [Commands.newTask]: async () => {
      if (allowed('create')) await vscode.commands.executeCommand('vscode.openWith', newTaskUri(), TASK_EDITOR_VIEW_TYPE);
    },
    [Commands.filterMine]: () => setFilter('mine'),
    [Commands.filterAll]: () => setFilter('all'),
  };
}

/** Closes the task editors of a task that is gone: there is nothing left to save. */
async function closeEditorsOf(taskId: string): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputCustom && taskIdOf(tab.input.uri) === taskId);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
}
