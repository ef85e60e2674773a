import * as vscode from 'vscode';
import { isTaskStatus, type ServiceId, TASK_STATUSES, type TaskStatus } from './api/domain';
import { isServiceId, SERVICES } from './api/services';
import { CONFIG_SECTION, DEFAULT_COMMIT_REFERENCE, DEFAULT_REFERENCE_FORMAT } from './constants';
import { DEFAULT_BRANCH_TEMPLATE } from './work/branchName';

/** How a group's tasks are ordered. */
export type SortOrder = 'dueDate' | 'created' | 'title';
/** What the tree's groups are: the statuses, when open tasks are due, or what they belong to (an account, a lead). */
export type GroupBy = 'status' | 'dueDate' | 'record';
const GROUPINGS: readonly GroupBy[] = ['status', 'dueDate', 'record'];

export interface Settings {
  service: ServiceId;
  /** The chosen service's base URL. */
  baseUrl: string;
  pageSize: number;
  statuses: TaskStatus[];
  sortOrder: SortOrder;
  groupBy: GroupBy;
  /** Whether the status bar counts my overdue and due-today tasks. */
  dueCount: boolean;
  defaultAssignee: string;
  refreshIntervalSeconds: number;
  todoTags: string[];
  referenceFormat: string;
  todoCodeLens: boolean;
  /** The branch template of "Start Working on Task" (`{id}`, `{title}`). */
  branchTemplate: string;
  /** What an empty commit message gets while a task is active; empty: nothing. */
  commitReference: string;
}

/** The settings as the code uses them, out-of-range values brought back in range. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const statuses = config.get<unknown[]>('statuses', [...TASK_STATUSES]).filter(isTaskStatus);
  const sortOrder = config.get<string>('sortOrder', 'dueDate');
  const chosen = config.get<string>('service', 'lightfield');
  const service = isServiceId(chosen) ? chosen : 'lightfield';
  const { defaultBaseUrl, baseUrlSetting } = SERVICES[service];
  return {
    service,
    baseUrl: config.get<string>(baseUrlSetting, defaultBaseUrl).trim() || defaultBaseUrl,
    // The service's own maximum applies where the store is configured (extension.ts), not here.
    pageSize: Math.max(1, Math.round(config.get<number>('pageSize', 25))),
    statuses: statuses.length > 0 ? TASK_STATUSES.filter((s) => statuses.includes(s)) : [...TASK_STATUSES],
    sortOrder: sortOrder === 'created' || sortOrder === 'title' ? sortOrder : 'dueDate',
    groupBy: GROUPINGS.find((each) => each === config.get<string>('groupBy')) ?? 'status',
    dueCount: config.get<boolean>('statusBar.dueCount', true),
    defaultAssignee: config.get<string>('defaultAssignee', '').trim(),
    refreshIntervalSeconds: Math.max(0, config.get<number>('refreshInterval', 300)),
    todoTags: config.get<string[]>('todo.tags', ['TODO', 'FIXME', 'HACK', 'XXX']).filter((tag) => /^[\p{L}\p{N}_]+$/u.test(tag)),
    referenceFormat: config.get<string>('todo.referenceFormat', DEFAULT_REFERENCE_FORMAT),
    todoCodeLens: config.get<boolean>('todo.codeLens', true),
    branchTemplate: config.get<string>('work.branchName', DEFAULT_BRANCH_TEMPLATE).trim() || DEFAULT_BRANCH_TEMPLATE,
    commitReference: config.get<string>('work.commitReference', DEFAULT_COMMIT_REFERENCE).trim(),
  };
}

/** Calls `listener` with the changed settings, as `Settings` names them. */
export function onDidChangeSettings(listener: (changed: (keyof Settings)[]) => void): vscode.Disposable {
  const names: Record<keyof Settings, string | string[]> = {
    service: 'service',
    baseUrl: Object.values(SERVICES).map((known) => known.baseUrlSetting),
    pageSize: 'pageSize',
    statuses: 'statuses',
    sortOrder: 'sortOrder',
    groupBy: 'groupBy',
    dueCount: 'statusBar.dueCount',
    defaultAssignee: 'defaultAssignee',
    refreshIntervalSeconds: 'refreshInterval',
    todoTags: 'todo.tags',
    referenceFormat: 'todo.referenceFormat',
    todoCodeLens: 'todo.codeLens',
    branchTemplate: 'work.branchName',
    commitReference: 'work.commitReference',
  };
  const keys = Object.keys(names) as (keyof Settings)[];
  const settingNames = (key: keyof Settings) => [names[key]].flat();
  return vscode.workspace.onDidChangeConfiguration((event) => {
    const changed = keys.filter((key) => settingNames(key).some((name) => event.affectsConfiguration(`${CONFIG_SECTION}.${name}`)));
    if (changed.length > 0) listener(changed);
  });
}
