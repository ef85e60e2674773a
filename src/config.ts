import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from './api/lightfield/http';
import { TASK_STATUSES, type TaskStatus } from './api/model';
import { CONFIG_SECTION } from './constants';
import { isTaskStatus, type SortOrder } from './tasks/grouping';

export interface Settings {
  baseUrl: string;
  pageSize: number;
  statuses: TaskStatus[];
  sortOrder: SortOrder;
  defaultAssignee: string;
  refreshIntervalSeconds: number;
}

/** The settings as the code uses them, out-of-range values brought back in range. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const statuses = config.get<unknown[]>('statuses', [...TASK_STATUSES]).filter(isTaskStatus);
  const sortOrder = config.get<string>('sortOrder', 'dueDate');
  return {
    baseUrl: config.get<string>('baseUrl', DEFAULT_BASE_URL).trim() || DEFAULT_BASE_URL,
    pageSize: Math.min(25, Math.max(1, Math.round(config.get<number>('pageSize', 25)))),
    statuses: statuses.length > 0 ? TASK_STATUSES.filter((s) => statuses.includes(s)) : [...TASK_STATUSES],
    sortOrder: sortOrder === 'created' || sortOrder === 'title' ? sortOrder : 'dueDate',
    defaultAssignee: config.get<string>('defaultAssignee', '').trim(),
    refreshIntervalSeconds: Math.max(0, config.get<number>('refreshInterval', 300)),
  };
}

/** Calls `listener` with the names (without the section) of changed Lightfield settings. */
export function onDidChangeSettings(listener: (changed: (keyof Settings)[]) => void): vscode.Disposable {
  const keys: (keyof Settings)[] = ['baseUrl', 'pageSize', 'statuses', 'sortOrder', 'defaultAssignee', 'refreshIntervalSeconds'];
  const settingName = (key: keyof Settings) => (key === 'refreshIntervalSeconds' ? 'refreshInterval' : key);
  return vscode.workspace.onDidChangeConfiguration((event) => {
    const changed = keys.filter((key) => event.affectsConfiguration(`${CONFIG_SECTION}.${settingName(key)}`));
    if (changed.length > 0) listener(changed);
  });
}
