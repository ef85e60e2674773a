import * as vscode from 'vscode';
import { isOpenTask } from '../api/domain';
import { Commands } from '../constants';
import { Disposable } from '../lifecycle';
import { dueBucket } from '../tasks/grouping';
import type { TaskStore } from '../tasks/taskStore';

/**
 * My overdue and due-today tasks, counted in the status bar (`lightfield.statusBar.dueCount`);
 * a click shows the tree grouped by due date. Counts the tasks loaded, so it asks nothing.
 */
export class DueStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('lightfield.dueCount', vscode.StatusBarAlignment.Left, 49));

  constructor(
    private readonly store: TaskStore,
    private readonly me: () => string | undefined,
    private readonly enabled: () => boolean,
  ) {
    super();
    this.item.name = vscode.l10n.t('Tasks Due');
    this.item.command = Commands.showDueTasks;
    this.register(store.onDidChange(() => this.update()));
    this.update();
  }

  update(): void {
    const me = this.me();
    if (!this.enabled() || !me) {
      this.item.hide();
      return;
    }
    const now = Date.now();
    const mine = this.store.loadedTasks().filter((task) => task.assignee === me && isOpenTask(task) === true);
    const overdue = mine.filter((task) => dueBucket(task, now) === 'overdue').length;
    const today = mine.filter((task) => dueBucket(task, now) === 'today').length;
    if (overdue + today === 0) {
      this.item.hide();
      return;
    }
    this.item.text = `$(clock) ${vscode.l10n.t('{0} overdue · {1} today', overdue, today)}`;
    this.item.tooltip = vscode.l10n.t('Your open tasks: {0} overdue, {1} due today. Click to see them by due date.', overdue, today);
    this.item.backgroundColor = overdue > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}
