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
} as const;

export const CONFIG_SECTION = 'lightfield';
export const SECRET_KEY = 'lightfield.apiKey';
export const ENV_KEY_VARIABLE = 'LIGHTFIELD_API_KEY';
