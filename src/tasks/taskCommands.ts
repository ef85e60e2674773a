import * as vscode from 'vscode';
import type { Member, Task, TaskStatus } from '../api/model';
import type { Scope, Session } from '../auth/session';
import type { Settings } from '../config';
import { newTaskUri, TASK_EDITOR_VIEW_TYPE, taskEditorUri } from '../editor/taskUri';
import { Commands, ContextKeys } from '../constants';
import type { ExtensionState, FilterMode } from '../state';
import type { ErrorReporter } from '../ui/errorReporter';
import { memberName, STATUS_INFO, taskTitle } from './grouping';
import type { ProviderCache } from './providerCache';
import { pickTask } from './taskPicker';
import type { TaskStore } from './taskStore';
import { type LoadMoreNode, safeLink, type TaskNode } from './taskTree';
import type { TaskView } from './taskView';

export interface TaskCommandDeps {
  store: TaskStore;
  view: TaskView;
  session: Session;
  errors: ErrorReporter;
  state: ExtensionState;
  members: ProviderCache<Map<string, Member>>;
  settings: () => Settings;
}

export function registerTaskCommands(deps: TaskCommandDeps): vscode.Disposable[] {
  const { store, view, session, errors, state } = deps;

  /** The task a command acts on: the tree node it was run on, an ID, or one the user picks. */
  async function resolveTask(arg: unknown, placeholder: string, statuses?: TaskStatus[]): Promise<Task | undefined> {
    const id = typeof arg === 'string' ? arg : (arg as TaskNode | undefined)?.taskId;
    if (id) return store.task(id) ?? store.fetch(id);
    return pickTask(store, placeholder, statuses);
  }

  function allowed(scope: Scope): boolean {
    if (session.can(scope)) return true;
    void vscode.window.showWarningMessage(vscode.l10n.t('Your Lightfield API key does not have the {0} scope, so this is not available.', scope));
    return false;
  }

  /** A status move to `to`, for tasks in one of `from` (the picker offers only those). */
  const move = (to: TaskStatus, from: TaskStatus[]) => async (arg?: unknown) => {
    if (!allowed('tasks:update')) return;
    const task = await resolveTask(arg, vscode.l10n.t('Which task should move to {0}?', STATUS_INFO[to].label), from);
    if (!task) return;
    try {
      await store.setStatus(task.id, to);
    } catch (error) {
      errors.report(vscode.l10n.t('"{0}" could not move to {1}; it is back where it was', taskTitle(task), STATUS_INFO[to].label), error);
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

  /** The member the user is, asked once per base URL (the key's own member is not in the API). */
  async function whoAmI(): Promise<string | undefined> {
    const remembered = state.me(deps.settings().baseUrl);
    const known = remembered.get() ?? (deps.settings().defaultAssignee || undefined);
    if (known) return known;
    const member = await pickMember(deps, vscode.l10n.t('Which member are you? (remembered for "Mine")'));
    if (member) await remembered.set(member.id);
    return member?.id;
  }

  return [
    vscode.commands.registerCommand(Commands.startTask, move('IN_PROGRESS', ['TODO'])),
    vscode.commands.registerCommand(Commands.completeTask, move('COMPLETE', ['TODO', 'IN_PROGRESS'])),
    vscode.commands.registerCommand(Commands.cancelTask, move('CANCELLED', ['TODO', 'IN_PROGRESS'])),
    vscode.commands.registerCommand(Commands.reopenTask, move('TODO', ['COMPLETE', 'CANCELLED', 'IN_PROGRESS'])),
    vscode.commands.registerCommand(Commands.refresh, () => view.refresh()),
    vscode.commands.registerCommand(Commands.loadMore, (node?: LoadMoreNode) => (node ? view.loadMore(node.status) : undefined)),
    vscode.commands.registerCommand(Commands.openTask, async (arg?: unknown) => {
      const task = await resolveTask(arg, vscode.l10n.t('Open which task?'));
      if (task) await vscode.commands.executeCommand('vscode.openWith', taskEditorUri(task), TASK_EDITOR_VIEW_TYPE);
    }),
    vscode.commands.registerCommand(Commands.findTask, async () => {
      const task = await pickTask(store, vscode.l10n.t('Find a task by its title'));
      if (task) await vscode.commands.executeCommand(Commands.openTask, task.id);
    }),
    vscode.commands.registerCommand(Commands.openInLightfield, async (arg?: unknown) => {
      const task = await resolveTask(arg, vscode.l10n.t('Open which task in Lightfield?'));
      const link = task && safeLink(task);
      if (link) await vscode.env.openExternal(link);
      else if (task) void vscode.window.showWarningMessage(vscode.l10n.t('This task has no web link.'));
    }),
    vscode.commands.registerCommand(Commands.copyTaskId, async (arg?: unknown) => {
      const task = await resolveTask(arg, vscode.l10n.t('Copy the ID of which task?'));
      if (!task) return;
      await vscode.env.clipboard.writeText(task.id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', task.id), 3000);
    }),
    vscode.commands.registerCommand(Commands.newTask, async () => {
      if (allowed('tasks:create')) await vscode.commands.executeCommand('vscode.openWith', newTaskUri(), TASK_EDITOR_VIEW_TYPE);
    }),
    vscode.commands.registerCommand(Commands.filterMine, () => setFilter('mine')),
    vscode.commands.registerCommand(Commands.filterAll, () => setFilter('all')),
  ];
}

async function pickMember(deps: TaskCommandDeps, placeholder: string): Promise<Member | undefined> {
  if (!deps.session.can('members:read')) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Your API key cannot read members (members:read). Set lightfield.defaultAssignee to a member ID instead.'));
    return undefined;
  }
  let members: Map<string, Member>;
  try {
    members = await deps.members.get();
  } catch (error) {
    deps.errors.report(vscode.l10n.t('Could not list members'), error);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    [...members.values()].map((member) => ({ label: memberName(member), description: member.id, member })),
    { placeHolder: placeholder, matchOnDescription: true },
  );
  return picked?.member;
}
