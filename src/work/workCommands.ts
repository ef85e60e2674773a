import * as vscode from 'vscode';
import { OPEN_STATUSES, type Task, taskStatus, taskTitle } from '../api/domain';
import type { Session } from '../auth/session';
import type { Settings } from '../config';
import { Commands, type WORK_COMMANDS } from '../constants';
import type { CommandHandlers } from '../lazyCommands';
import type { ExtensionState, WorkedTask } from '../state';
import type { ResolveTask } from '../tasks/taskArgument';
import type { TaskStore } from '../tasks/taskStore';
import type { ErrorReporter } from '../ui/errorReporter';
import { flashStatus } from '../ui/notify';
import { iconText } from '../ui/safeText';
import { statusLabel } from '../ui/statusLabel';
import type { ActiveWork } from './activeWork';
import { branchName, refName } from './branchName';
import { type GitRepository, localBranch } from './git';

export interface WorkCommandDeps {
  store: TaskStore;
  session: Session;
  work: ActiveWork;
  errors: ErrorReporter;
  state: ExtensionState;
  settings: () => Settings;
  resolveTask: ResolveTask;
}

interface Choice<T> extends vscode.QuickPickItem {
  value: T;
}

/** One choice of a few, in a quick pick (answerable from the keyboard, unlike a modal dialog). */
async function choose<T>(placeHolder: string, choices: Choice<T>[]): Promise<T | undefined> {
  return (await vscode.window.showQuickPick(choices, { placeHolder }))?.value;
}

/**
 * Asks for the branch of a task, proposing `proposed`; undefined for none, `never`
 * when the user wants no branch offered in this workspace again.
 */
function askBranchName(proposed: string, title: string): Promise<{ name: string } | 'never' | undefined> {
  const input = vscode.window.createInputBox();
  const never: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('circle-slash'), tooltip: vscode.l10n.t('Never offer a branch in this workspace') };
  input.title = vscode.l10n.t('Branch for "{0}"', iconText(title));
  input.prompt = vscode.l10n.t('Enter creates and checks out this branch; Escape works without one.');
  input.value = proposed;
  input.buttons = [never];
  return new Promise((resolve) => {
    input.onDidChangeValue((value) => {
      const usable = refName(value);
      input.validationMessage = usable === value.trim() ? undefined : usable ? vscode.l10n.t('Git does not take this name; "{0}" would do.', usable) : vscode.l10n.t('Enter a branch name.');
    });
    input.onDidTriggerButton(() => {
      resolve('never');
      input.hide();
    });
    input.onDidAccept(() => {
      const usable = refName(input.value);
      if (!usable || usable !== input.value.trim()) return;
      resolve({ name: usable });
      input.hide();
    });
    input.onDidHide(() => {
      resolve(undefined);
      input.dispose();
    });
    input.show();
  });
}

export function workCommandHandlers(deps: WorkCommandDeps): CommandHandlers<(typeof WORK_COMMANDS)[number]> {
  const { store, session, work, errors, state, resolveTask } = deps;
  const open = () => session.capabilities.statuses.filter((status) => OPEN_STATUSES.includes(status));

  /** The branch to work on `task` in: the one it had, the template's if it exists, or one the user names; undefined for none. */
  async function branchFor(repository: GitRepository, task: WorkedTask): Promise<{ name: string; startedFrom: string | undefined } | undefined> {
    const startedFrom = work.branch;
    const proposed = branchName(deps.settings().branchTemplate, task);
    for (const name of [work.branchOf(task.id), proposed]) {
      if (!name || !(await localBranch(repository, name))) continue;
      if (name !== startedFrom) await repository.checkout(name);
      return { name, startedFrom };
    }
    if (state.branchOfferDeclined.get()) return undefined;
    const chosen = await askBranchName(proposed, task.title);
    if (chosen === 'never') await state.branchOfferDeclined.set(true);
    if (chosen === undefined || chosen === 'never') return undefined;
    if (await localBranch(repository, chosen.name)) await repository.checkout(chosen.name);
    else await repository.createBranch(chosen.name, true);
    return { name: chosen.name, startedFrom };
  }

  async function startWorking(arg?: unknown): Promise<void> {
    const task = await resolveTask(arg, vscode.l10n.t('Start working on which task?'), open());
    if (!task) return;
    const title = taskTitle(task);
    if (session.capabilities.statuses.includes('IN_PROGRESS') && taskStatus(task) !== 'IN_PROGRESS' && session.can('update')) {
      try {
        await store.setStatus(task.id, 'IN_PROGRESS');
      } catch (error) {
        errors.report(vscode.l10n.t('"{0}" could not move to {1}', title, statusLabel('IN_PROGRESS', session.capabilities)), error);
      }
    }
    const worked = { id: task.id, title };
    const repository = work.repository;
    let branch: Awaited<ReturnType<typeof branchFor>>;
    try {
      branch = repository && (await branchFor(repository, worked));
    } catch (error) {
      errors.report(vscode.l10n.t('The branch for "{0}" could not be checked out; working on it without one', title), error);
    }
    await work.begin(worked, branch);
    flashStatus(vscode.l10n.t('Working on "{0}"', title), 4000);
  }

  async function finishTask(arg?: unknown): Promise<void> {
    const active = work.active;
    const task: Task | undefined =
      arg === undefined && active ? (store.task(active.id) ?? (await store.fetch(active.id))) : await resolveTask(arg, vscode.l10n.t('Finish which task?'), open());
    if (!task) return;
    const title = taskTitle(task);
    const isActive = active?.id === task.id;
    const back = isActive ? work.startedFrom(task.id) : undefined;
    const done = statusLabel('COMPLETE', session.capabilities);
    const choices: Choice<'stay' | 'back'>[] = [{ label: `$(pass) ${vscode.l10n.t('Mark it {0}', done)}`, value: 'stay' }];
    if (back && work.repository) choices.push({ label: `$(git-branch) ${vscode.l10n.t('Mark it {0} and switch back to {1}', done, iconText(back))}`, value: 'back' });
    const choice = await choose(vscode.l10n.t('Finish "{0}"?', iconText(title)), choices);
    if (!choice) return;
    try {
      await store.setStatus(task.id, 'COMPLETE');
    } catch (error) {
      errors.report(vscode.l10n.t('"{0}" could not move to {1}; it is back where it was', title, done), error);
      return;
    }
    if (!isActive) return;
    await work.end();
    if (choice === 'back' && back) await work.repository?.checkout(back).then(undefined, (error: unknown) => errors.report(vscode.l10n.t('Could not switch back to {0}', back), error));
  }

  async function showActiveTask(): Promise<void> {
    const active = work.active;
    if (!active) return;
    const task = store.task(active.id);
    const choices: Choice<string>[] = [
      { label: `$(go-to-file) ${vscode.l10n.t('Open Task')}`, value: Commands.openTask },
      ...(task?.webLink ? [{ label: `$(link-external) ${vscode.l10n.t('Open in {0}', session.capabilities.name)}`, value: Commands.openInWebApp }] : []),
      { label: `$(pass) ${vscode.l10n.t('Finish Task')}`, value: Commands.finishTask },
      { label: `$(debug-stop) ${vscode.l10n.t('Stop Working')}`, value: Commands.stopWorking },
    ];
    const command = await choose(iconText(task ? taskTitle(task) : active.title), choices);
    if (command === Commands.stopWorking) await work.end();
    else if (command) await vscode.commands.executeCommand(command, active.id);
  }

  return {
    [Commands.startWorking]: startWorking,
    [Commands.finishTask]: finishTask,
    [Commands.stopWorking]: () => work.end(),
    [Commands.showActiveTask]: showActiveTask,
  };
}
