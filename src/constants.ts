import { originOf } from './api/baseUrl';

/** Every command ID, view ID, context key and storage key, in one place. */
export const Commands = {
  showLog: 'lightfield.showLog',
  setApiKey: 'lightfield.setApiKey',
  signOut: 'lightfield.signOut',
  refresh: 'lightfield.refresh',
  newTask: 'lightfield.newTask',
  findTask: 'lightfield.findTask',
  filterMine: 'lightfield.filterMine',
  filterAll: 'lightfield.filterAll',
  startTask: 'lightfield.startTask',
  completeTask: 'lightfield.completeTask',
  cancelTask: 'lightfield.cancelTask',
  reopenTask: 'lightfield.reopenTask',
  openTask: 'lightfield.openTask',
  openInLightfield: 'lightfield.openInLightfield',
  copyTaskId: 'lightfield.copyTaskId',
  loadMore: 'lightfield.loadMore',
  createTaskFromTodo: 'lightfield.createTaskFromTodo',
  useEnvironmentKey: 'lightfield.useEnvironmentKey',
} as const;

export const Views = {
  tasks: 'lightfield.tasks',
  todos: 'lightfield.todos',
} as const;

export const ContextKeys = {
  signedIn: 'lightfield.signedIn',
  canCreate: 'lightfield.canCreate',
  canUpdate: 'lightfield.canUpdate',
  canReadMembers: 'lightfield.canReadMembers',
  filter: 'lightfield.filter',
  environmentKey: 'lightfield.environmentKey',
} as const;

export const CONFIG_SECTION = 'lightfield';
/** Before keys were bound to an origin they were stored under this name; it is removed on start. */
export const LEGACY_SECRET_KEY = 'lightfield.apiKey';

/** The SecretStorage entry of the key entered for `baseUrl`'s origin, or undefined for an invalid URL. */
export function secretKeyFor(baseUrl: string): string | undefined {
  const origin = originOf(baseUrl);
  return origin && `${LEGACY_SECRET_KEY}@${origin}`;
}
export const ENV_KEY_VARIABLE = 'LIGHTFIELD_API_KEY';
