import * as vscode from 'vscode';
import { taskTitle } from '../api/domain';
import { Commands, ContextKeys } from '../constants';
import { Disposable } from '../lifecycle';
import type { TaskStore } from '../tasks/taskStore';
import { labelText, statusBarText } from '../ui/safeText';
import type { ActiveWork } from './activeWork';

/** The active task in the status bar: its title cut short, as text only; a click offers what can be done with it. */
export class WorkStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('lightfield.activeTask', vscode.StatusBarAlignment.Left, 50));

  constructor(
    private readonly work: ActiveWork,
    private readonly store: TaskStore,
  ) {
    super();
    this.item.name = vscode.l10n.t('Active Task');
    this.item.command = Commands.showActiveTask;
    this.register(work.onDidChange(() => this.update()));
    this.register(store.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const active = this.work.active;
    void vscode.commands.executeCommand('setContext', ContextKeys.working, active !== undefined);
    if (!active) {
      this.item.hide();
      return;
    }
    // The store's title where it has the task: a rename shows at once.
    const known = this.store.task(active.id);
    const title = known ? taskTitle(known) : active.title;
    this.item.text = `$(target) ${statusBarText(title)}`;
    this.item.tooltip = vscode.l10n.t('Working on "{0}" ({1}). Click for what you can do with it.', labelText(title), active.id);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Working on {0}', labelText(title)) };
    this.item.show();
  }
}
