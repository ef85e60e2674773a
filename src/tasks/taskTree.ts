import * as vscode from 'vscode';
import type { Capabilities, Member, Task, TaskStatus } from '../api/domain';
import { Commands } from '../constants';
import { actionsFor, DUE_BUCKETS, type DueBucket, dueBucket, dueInFull, dueWhen, durationText, overdueBy, sortTasks, STATUS_INFO } from './grouping';
import { OPEN_STATUSES, taskStatus, taskTitle } from '../api/domain';
import type { GroupBy, SortOrder } from '../config';
import { type NameRecords, relatedRows } from './relatedRecords';
import type { TaskStore } from './taskStore';
import { labelText, markdownText } from '../ui/safeText';
import { webLinkOf } from '../shared/webLink';
import { statusLabel } from '../ui/statusLabel';
import { Disposable } from '../lifecycle';

const DUE_LABELS: Record<DueBucket, () => string> = {
  overdue: () => vscode.l10n.t('Overdue'),
  today: () => vscode.l10n.t('Today'),
  week: () => vscode.l10n.t('This week'),
  later: () => vscode.l10n.t('Later'),
  none: () => vscode.l10n.t('No date'),
};

export class StatusGroupNode {
  readonly kind = 'group';
  constructor(readonly status: TaskStatus) {}
}

/** Tasks whose status names none of the product's ("Blocked", say): shown, never dropped. */
export class OtherGroupNode {
  readonly kind = 'other';
}

export class TaskNode {
  readonly kind = 'task';
  constructor(
    readonly taskId: string,
    /** The group it shows in; undefined in "Other". */
    readonly status: TaskStatus | undefined,
  ) {}
}

/** Open tasks by when they are due, when the tree is grouped by due date. */
export class DueGroupNode {
  readonly kind = 'due';
  constructor(readonly bucket: DueBucket) {}
}

/** Open tasks by the record they belong to (undefined: none), when the tree is grouped so. */
export class RecordGroupNode {
  readonly kind = 'record';
  constructor(readonly recordId: string | undefined) {}
}

export class LoadMoreNode {
  readonly kind = 'more';
  constructor(readonly status: TaskStatus) {}
}

export type TaskTreeNode = StatusGroupNode | OtherGroupNode | DueGroupNode | RecordGroupNode | TaskNode | LoadMoreNode;

export interface TaskTreeOptions {
  sortOrder: () => SortOrder;
  groupBy: () => GroupBy;
  signedIn: () => boolean;
  /** What the connected service can do: its statuses' names, and the moves it offers. */
  capabilities: () => Capabilities;
  /** Member names for tooltips; resolves to none when members may not be read. */
  members: () => Promise<Map<string, Member>>;
  /** Names of the records a task links to (accounts, say). */
  nameRecords: NameRecords;
  now?: () => number;
}

/** Maps the store's groups to tree items; the store's change event redraws it. */
export class TaskTreeProvider extends Disposable implements vscode.TreeDataProvider<TaskTreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TaskTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  /** Names of the records tasks belong to, as the provider gave them (the ID until then). */
  private readonly recordNames = new Map<string, string>();

  constructor(
    private readonly store: TaskStore,
    private readonly options: TaskTreeOptions,
  ) {
    super();
    this.register(store.onDidChange(() => this.changed.fire(undefined)));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Another connection: its records have other names. */
  forgetNames(): void {
    this.recordNames.clear();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  getChildren(node?: TaskTreeNode): TaskTreeNode[] {
    // Empty while signed out, so the view shows its welcome content.
    if (!this.options.signedIn()) return [];
    if (!node && this.options.groupBy() === 'dueDate') {
      return DUE_BUCKETS.filter((bucket) => this.dueTasks(bucket).length > 0).map((bucket) => new DueGroupNode(bucket));
    }
    if (!node && this.options.groupBy() === 'record') return this.recordGroups();
    if (node?.kind === 'record') return sortTasks(this.openTasks().filter((task) => this.recordOf(task) === node.recordId), this.options.sortOrder()).map((task) => new TaskNode(task.id, taskStatus(task)));
    if (node?.kind === 'due') return sortTasks(this.dueTasks(node.bucket), this.options.sortOrder()).map((task) => new TaskNode(task.id, taskStatus(task)));
    if (!node) {
      const groups: TaskTreeNode[] = this.store.groups().map((group) => new StatusGroupNode(group.status));
      return this.store.otherTasks().length > 0 ? [...groups, new OtherGroupNode()] : groups;
    }
    if (node.kind === 'other') return sortTasks(this.store.otherTasks(), this.options.sortOrder()).map((task) => new TaskNode(task.id, undefined));
    if (node.kind !== 'group') return [];
    const group = this.store.group(node.status);
    const tasks = sortTasks(group.tasks, this.options.sortOrder()).map((task) => new TaskNode(task.id, node.status));
    return group.hasMore ? [...tasks, new LoadMoreNode(node.status)] : tasks;
  }

  getTreeItem(node: TaskTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node);
      case 'other':
        return this.otherItem();
      case 'due':
        return this.dueItem(node);
      case 'record':
        return this.recordItem(node);
      case 'task':
        return this.taskItem(node);
      case 'more':
        return this.loadMoreItem(node);
    }
  }

  private groupItem(node: StatusGroupNode): vscode.TreeItem {
    const info = STATUS_INFO[node.status];
    const label = statusLabel(node.status, this.options.capabilities());
    const group = this.store.group(node.status);
    const item = new vscode.TreeItem(label, info.open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `group:${node.status}`;
    // A service that does not count says only that there are more: "25+".
    const count = group.totalCount !== undefined ? String(group.totalCount) : group.listed ? `${group.tasks.length}${group.hasMore ? '+' : ''}` : undefined;
    item.description = count ?? (group.loading ? vscode.l10n.t('loading…') : '');
    item.iconPath = new vscode.ThemeIcon(group.error ? 'warning' : info.icon);
    item.contextValue = 'statusGroup';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} tasks', label, count ?? '0') };
    return item;
  }

  private openTasks(): Task[] {
    return OPEN_STATUSES.flatMap((status) => this.store.group(status).tasks);
  }

  /** The loaded open tasks of a due-date group. */
  private dueTasks(bucket: DueBucket): Task[] {
    const now = this.now();
    return this.openTasks().filter((task) => dueBucket(task, now) === bucket);
  }

  /** The record a task belongs to: the first of the service's kind it links to. */
  private recordOf(task: Task): string | undefined {
    return task.related?.[this.options.capabilities().belongsTo.objectType]?.[0];
  }

  /** One group per record the loaded open tasks belong to, by name, then the tasks that belong to none. */
  private recordGroups(): RecordGroupNode[] {
    const ids = [...new Set(this.openTasks().map((task) => this.recordOf(task)))];
    const unnamed = ids.filter((id): id is string => id !== undefined && !this.recordNames.has(id));
    if (unnamed.length > 0) {
      const { objectType } = this.options.capabilities().belongsTo;
      // Named in the background (the provider caches names); the tree redraws once they are known.
      void this.options.nameRecords(objectType, unnamed).then((records) => {
        for (const id of unnamed) this.recordNames.set(id, records.find((record) => record.id === id)?.name ?? id);
        this.changed.fire(undefined);
      }, () => undefined);
    }
    const name = (id: string | undefined) => (id === undefined ? '\uffff' : (this.recordNames.get(id) ?? id).toLowerCase());
    return ids.sort((a, b) => name(a).localeCompare(name(b))).map((id) => new RecordGroupNode(id));
  }

  private recordItem(node: RecordGroupNode): vscode.TreeItem {
    const { label: kind } = this.options.capabilities().belongsTo;
    const label = node.recordId === undefined ? vscode.l10n.t('No {0}', kind.toLowerCase()) : labelText(this.recordNames.get(node.recordId) ?? node.recordId);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `record:${node.recordId ?? ''}`;
    const more = OPEN_STATUSES.some((status) => this.store.group(status).hasMore);
    const count = `${this.openTasks().filter((task) => this.recordOf(task) === node.recordId).length}${more ? '+' : ''}`;
    item.description = count;
    item.tooltip = node.recordId === undefined ? undefined : `${kind}: ${label}`;
    item.iconPath = new vscode.ThemeIcon(node.recordId === undefined ? 'circle-large-outline' : 'organization');
    item.contextValue = 'recordGroup';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} tasks', label, count) };
    return item;
  }

  private dueItem(node: DueGroupNode): vscode.TreeItem {
    const label = DUE_LABELS[node.bucket]();
    const later = node.bucket === 'later' || node.bucket === 'none';
    const item = new vscode.TreeItem(label, later ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = `due:${node.bucket}`;
    const more = OPEN_STATUSES.some((status) => this.store.group(status).hasMore);
    const count = `${this.dueTasks(node.bucket).length}${more ? '+' : ''}`;
    item.description = count;
    item.iconPath = node.bucket === 'overdue' ? new vscode.ThemeIcon('clock', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(node.bucket === 'none' ? 'circle-large-outline' : 'calendar');
    if (more) item.tooltip = vscode.l10n.t('Of the tasks loaded so far; Load more in the status groups lists the rest.');
    item.contextValue = 'dueGroup';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} tasks', label, count) };
    return item;
  }

  private otherItem(): vscode.TreeItem {
    const count = String(this.store.otherTasks().length);
    const item = new vscode.TreeItem(vscode.l10n.t('Other'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = 'group:other';
    item.description = count;
    item.tooltip = vscode.l10n.t('Tasks whose status in {0} is none of the statuses shown above.', this.options.capabilities().name);
    item.iconPath = new vscode.ThemeIcon('question');
    item.contextValue = 'statusGroup';
    item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} tasks', vscode.l10n.t('Other'), count) };
    return item;
  }

  private taskItem(node: TaskNode): vscode.TreeItem {
    const task = this.store.task(node.taskId);
    const item = new vscode.TreeItem(labelText(task ? taskTitle(task) : node.taskId), vscode.TreeItemCollapsibleState.None);
    item.id = `task:${node.taskId}`;
    if (!task) return item;
    const status = taskStatus(task) ?? node.status;
    const late = overdueBy(task, this.now());
    const overdue = late !== undefined;
    // Short: the sidebar is narrow. The warning-coloured clock says "overdue" at a glance.
    const when = overdue ? vscode.l10n.t('{0} overdue', durationText(late, vscode.env.language)) : dueWhen(task, this.now(), vscode.env.language);
    // The kind of task where the service has several (a Close email, a missed call), before when it is due.
    const kind = task.kind ? this.options.capabilities().kindLabels[task.kind] : undefined;
    item.description = [kind, when].filter(Boolean).join(' · ') || undefined;
    // What a screen reader says: the title, the status and when it is due, in words.
    item.accessibilityInformation = { label: [labelText(taskTitle(task)), kind, status && statusLabel(status, this.options.capabilities()), when && (overdue ? when : vscode.l10n.t('due {0}', when))].filter(Boolean).join(', ') };
    item.iconPath = overdue ? new vscode.ThemeIcon('clock', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(status ? STATUS_INFO[status].icon : 'question');
    // e.g. "task start complete cancel link": the moves this task can make on its service, and whether it has a web page.
    item.contextValue = ['task', ...actionsFor(task, this.options.capabilities()), ...(safeLink(task) ? ['link'] : [])].join(' ');
    item.command = { command: Commands.openTask, title: vscode.l10n.t('Open Task'), arguments: [node] };
    return item;
  }

  private loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
    const group = this.store.group(node.status);
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = `more:${node.status}`;
    item.description = group.totalCount === undefined ? vscode.l10n.t('{0} shown', String(group.tasks.length)) : vscode.l10n.t('{0} of {1}', String(group.tasks.length), String(group.totalCount));
    item.iconPath = new vscode.ThemeIcon(group.loading ? 'loading~spin' : 'ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: Commands.loadMore, title: vscode.l10n.t('Load More'), arguments: [node] };
    return item;
  }

  /** Tooltips are built only when hovered: they need member names. */
  async resolveTreeItem(item: vscode.TreeItem, node: TaskTreeNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'task') return item;
    const task = this.store.task(node.taskId);
    if (task) item.tooltip = await this.tooltip(task);
    return item;
  }

  private async tooltip(task: Task): Promise<vscode.MarkdownString> {
    // No theme icons, no HTML, no trusted commands: every server text goes in through markdownText.
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${markdownText(taskTitle(task))}**\n\n`);
    const status = taskStatus(task);
    const rows: [string, string][] = [];
    if (status) rows.push([vscode.l10n.t('Status'), statusLabel(status, this.options.capabilities())]);
    const due = dueInFull(task, vscode.env.language);
    if (due) rows.push([vscode.l10n.t('Due'), `${due} (${dueWhen(task, this.now(), vscode.env.language)})`]);
    const { assignee } = task;
    if (assignee) {
      const member = (await this.options.members().catch(() => new Map<string, Member>())).get(assignee);
      rows.push([vscode.l10n.t('Assigned to'), member?.name ?? assignee]);
    }
    rows.push(...(await relatedRows(task, this.options.nameRecords)));
    rows.push([vscode.l10n.t('Created'), new Date(task.createdAt).toLocaleString()]);
    if (task.updatedAt) rows.push([vscode.l10n.t('Updated'), new Date(task.updatedAt).toLocaleString()]);
    for (const [label, value] of rows) tip.appendMarkdown(`- ${markdownText(label)}: ${markdownText(value)}\n`);
    const { description } = task;
    if (description?.trim()) {
      tip.appendMarkdown(`\n---\n\n${markdownText(description.length > 600 ? `${description.slice(0, 600)}…` : description)}`);
    }
    return tip;
  }
}

/** The task's page in the service's web app, only if it is an http(s) link. */
export function safeLink(task: Task): vscode.Uri | undefined {
  const link = webLinkOf(task.webLink);
  return link ? vscode.Uri.parse(link, true) : undefined;
}
