import * as vscode from 'vscode';
import type { Member } from '../api/domain';
import type { Session } from '../auth/session';
import type { Settings } from '../config';
import { Views } from '../constants';
import type { ExtensionState } from '../state';
import type { ErrorReporter } from '../ui/errorReporter';
import { notificationText } from '../ui/safeText';
import { OverdueCount } from './overdueCount';
import type { ProviderCache } from './providerCache';
import { type TaskTreeNode, TaskTreeProvider } from './taskTree';
import type { TaskStore } from './taskStore';
import { Disposable } from '../lifecycle';

/**
 * The sidebar view: the tree, its title, message and badge, and loading with
 * progress shown in the view. Saves a snapshot after each good refresh and
 * restores it at start, so tasks show before the network answers.
 */
export class TaskView extends Disposable {
  readonly tree: TaskTreeProvider;
  readonly view: vscode.TreeView<TaskTreeNode>;
  private refreshing: Promise<boolean> | undefined;
  private readonly overdue: OverdueCount;
  /** A change in how tasks are loaded, said once in the view's message until the next refresh. */
  private notice: string | undefined;

  constructor(
    private readonly store: TaskStore,
    private readonly session: Session,
    private readonly state: ExtensionState,
    private readonly errors: ErrorReporter,
    members: ProviderCache<Map<string, Member>>,
    settings: () => Settings,
    private readonly log: vscode.LogOutputChannel,
    /** After each good refresh: the place to warm what the next action needs. */
    private readonly onDidLoad: () => void = () => undefined,
  ) {
    super();
    this.tree = new TaskTreeProvider(store, {
      sortOrder: () => settings().sortOrder,
      groupBy: () => settings().groupBy,
      signedIn: () => session.signedIn,
      capabilities: () => session.capabilities,
      members: () => (session.can('readMembers') ? members.get() : Promise.resolve(new Map())),
      nameRecords: (objectType, ids) => session.provider?.nameRecords(objectType, ids) ?? Promise.resolve([]),
    });
    this.overdue = new OverdueCount(store, () => session.provider, () => this.updateChrome());
    this.view = vscode.window.createTreeView(Views.tasks, { treeDataProvider: this.tree, showCollapseAll: true });
    this.register(this.tree);
    this.register(this.view);
    this.register(store.onDidChange(() => this.updateChrome()));
    this.register(
      // What was said of one service's lists is not true of another's.
      session.onDidChange((change) => {
        if (change !== 'connection') return;
        this.notice = undefined;
        this.updateChrome();
      }),
    );
  }

  /** Shows the saved tree of this connection and filter, if there is one; no network. */
  restoreSnapshot(): void {
    const snapshot = this.state.snapshot(this.session.connection).get();
    if (snapshot && this.store.restore(snapshot)) this.updateChrome();
  }

  /** One refresh at a time; a second call while one runs waits for it. Resolves whether it succeeded. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    if (!this.session.signedIn) return true;
    return vscode.window.withProgress({ location: { viewId: Views.tasks } }, async () => {
      this.notice = undefined;
      const listedFor = this.store.settingsKey;
      // The key check and the lists go out together: one round trip to the first paint.
      const [refused, listError] = await Promise.all([
        this.session.validate().then(
          () => undefined,
          (error: unknown) => error ?? new Error('The key check failed.'),
        ),
        this.store.refresh(),
      ]);
      if (refused !== undefined) {
        this.errors.report(vscode.l10n.t('Could not check the API key'), refused, () => void this.refresh());
        return false;
      }
      // What the check told (the key's own member, say) changed what the lists are for: list again.
      const error = this.store.settingsKey === listedFor ? listError : await this.store.refresh();
      if (error !== undefined) {
        this.errors.report(vscode.l10n.t('Could not load tasks'), error, () => void this.refresh());
        return false;
      }
      await this.state.snapshot(this.session.connection).set(this.store.snapshot());
      void this.overdue.update();
      this.onDidLoad();
      return true;
    });
  }

  async loadMore(status: Parameters<TaskStore['loadMore']>[0]): Promise<void> {
    await vscode.window.withProgress({ location: { viewId: Views.tasks } }, async () => {
      const error = await this.store.loadMore(status);
      if (error !== undefined) this.errors.report(vscode.l10n.t('Could not load more tasks'), error);
    });
  }

  /** Title description (filter, cached), message (errors) and badge (overdue count). */
  updateChrome(): void {
    const parts: string[] = [];
    if (this.store.currentSettings.assignee) parts.push(vscode.l10n.t('Mine'));
    if (this.store.stale) parts.push(vscode.l10n.t('cached'));
    this.view.description = parts.join(' · ') || undefined;
    const notice = this.store.takeNotice();
    if (notice) {
      this.log.info(notice);
      this.notice = vscode.l10n.t('{0} did not filter the task list as asked, so all tasks are loaded and grouped here.', this.session.capabilities.name);
    }
    const failed = this.store.groups().find((group) => group.error !== undefined);
    // Signed out, no message: it would hide the welcome text and its Set API Key button.
    const problem = failed ? notificationText(vscode.l10n.t('Some tasks could not be loaded: {0}', this.errors.describe(failed.error))) : this.notice;
    this.view.message = this.session.signedIn ? problem : undefined;
    const overdue = this.overdue.count(Date.now());
    this.view.badge = overdue > 0 ? { value: overdue, tooltip: vscode.l10n.t('{0} overdue tasks', String(overdue)) } : undefined;
  }
}
