import { originOf } from './api/baseUrl';
import type { ServiceId } from './api/domain';

/** Every command ID, view ID, context key and storage key, in one place. */
export const Commands = {
  showLog: 'lightfield.showLog',
  setApiKey: 'lightfield.setApiKey',
  signOut: 'lightfield.signOut',
  refresh: 'lightfield.refresh',
  newTask: 'lightfield.newTask',
  deleteTask: 'lightfield.deleteTask',
  findTask: 'lightfield.findTask',
  filterMine: 'lightfield.filterMine',
  filterAll: 'lightfield.filterAll',
  startTask: 'lightfield.startTask',
  completeTask: 'lightfield.completeTask',
  cancelTask: 'lightfield.cancelTask',
  reopenTask: 'lightfield.reopenTask',
  openTask: 'lightfield.openTask',
  openInWebApp: 'lightfield.openInWebApp',
  copyTaskId: 'lightfield.copyTaskId',
  loadMore: 'lightfield.loadMore',
  createTaskFromTodo: 'lightfield.createTaskFromTodo',
  useEnvironmentKey: 'lightfield.useEnvironmentKey',
  chooseService: 'lightfield.chooseService',
  startWorking: 'lightfield.startWorking',
  finishTask: 'lightfield.finishTask',
  stopWorking: 'lightfield.stopWorking',
  showActiveTask: 'lightfield.showActiveTask',
  groupByDueDate: 'lightfield.groupByDueDate',
  groupByStatus: 'lightfield.groupByStatus',
  groupByRecord: 'lightfield.groupByRecord',
  chooseGrouping: 'lightfield.chooseGrouping',
  showDueTasks: 'lightfield.showDueTasks',
} as const;

/** The agent's tools, as `contributes.languageModelTools` names them. */
export const Tools = {
  findTasks: 'lightfield_findTasks',
  getTask: 'lightfield_getTask',
  createTask: 'lightfield_createTask',
  createTaskFromTodo: 'lightfield_createTaskFromTodo',
  updateTask: 'lightfield_updateTask',
  deleteTask: 'lightfield_deleteTask',
} as const;

/** The commands whose handlers load on first use, by the module that handles them. */
export const TASK_COMMANDS = [
  Commands.groupByDueDate,
  Commands.groupByStatus,
  Commands.groupByRecord,
  Commands.chooseGrouping,
  Commands.showDueTasks,
  Commands.startTask,
  Commands.completeTask,
  Commands.cancelTask,
  Commands.reopenTask,
  Commands.refresh,
  Commands.loadMore,
  Commands.openTask,
  Commands.findTask,
  Commands.openInWebApp,
  Commands.copyTaskId,
  Commands.deleteTask,
  Commands.newTask,
  Commands.filterMine,
  Commands.filterAll,
] as const;
export const WORK_COMMANDS = [Commands.startWorking, Commands.finishTask, Commands.stopWorking, Commands.showActiveTask] as const;
export const SIGN_IN_COMMANDS = [Commands.setApiKey, Commands.signOut, Commands.useEnvironmentKey, Commands.chooseService] as const;

export const Views = {
  tasks: 'lightfield.tasks',
  todos: 'lightfield.todos',
} as const;

export const ContextKeys = {
  signedIn: 'lightfield.signedIn',
  canCreate: 'lightfield.canCreate',
  canUpdate: 'lightfield.canUpdate',
  canDelete: 'lightfield.canDelete',
  /** Whether the service has the statuses "Start" (in progress) and "Cancel" move to. */
  canStart: 'lightfield.canStart',
  canCancel: 'lightfield.canCancel',
  service: 'lightfield.service',
  filter: 'lightfield.filter',
  environmentKey: 'lightfield.environmentKey',
  /** Whether a task is being worked on in this workspace. */
  working: 'lightfield.working',
  /** The walkthrough's steps: a task editor was opened, a task was made from a TODO comment (in this window). */
  openedTask: 'lightfield.openedTask',
  createdFromTodo: 'lightfield.createdFromTodo',
  groupBy: 'lightfield.groupBy',
} as const;

export const CONFIG_SECTION = 'lightfield';
/** Before keys were bound to an origin Lightfield's was stored under this name; it is removed on start. */
export const LEGACY_SECRET_KEY = 'lightfield.apiKey';

/** The SecretStorage entry of the key entered for a service at `baseUrl`'s origin, or undefined for an invalid URL. */
export function secretKeyFor(service: ServiceId, baseUrl: string): string | undefined {
  const origin = originOf(baseUrl);
  return origin && `${service}.apiKey@${origin}`;
}

/** How a TODO names its task unless `lightfield.todo.referenceFormat` says otherwise: `TODO(tsk_…)`. */
export const DEFAULT_REFERENCE_FORMAT = '{tag}({id})';

/** What an empty commit message gets while a task is active, unless `lightfield.work.commitReference` says otherwise. */
export const DEFAULT_COMMIT_REFERENCE = 'Refs {id}';
