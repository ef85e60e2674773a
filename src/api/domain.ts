/**
 * The product's own words for tasks, which every feature speaks and every service
 * adapter translates to and from its wire format: a task, the people it can be
 * assigned to, what a service can do (its capabilities), how a service describes
 * its task fields for the editor, a semantic query and a semantic patch.
 * Nothing here knows a service's field keys, ID formats or status values.
 */
import { array, enum as zEnum, object, optional, record, string, type output } from 'zod/mini';
import { type Due, readDue } from '../shared/dueDates';
import { storedFieldSchema, type WritableValue } from './values';

/** The product's statuses, in the order the tree shows them; a service offers some of them. */
export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'COMPLETE', 'CANCELLED'] as const;
export const taskStatusSchema = zEnum(TASK_STATUSES);
export type TaskStatus = output<typeof taskStatusSchema>;
/** Zod, because a snapshot of tasks comes back from storage and is parsed like any outside input. */
export const taskSchema = object({
  id: string(),
  title: string(),
  /** Undefined when the service's value maps to none of the product's statuses. */
  status: optional(taskStatusSchema),
  /** A day (`2026-11-25`: due all that day in the user's zone) or an instant, ISO 8601 with an offset (`shared/dueDates`). */
  dueAt: optional(string()),
  /** The assignee's member ID. */
  assignee: optional(string()),
  description: optional(string()),
  /** The task's page in the service's web app, as the service sent it (checked before any use). */
  webLink: optional(string()),
  createdAt: string(),
  updatedAt: optional(string()),
  /** The service's type of task where it has several (Close: `lead`, `outgoing_call`, …). */
  kind: optional(string()),
  /** IDs of the records the task links to, by object type, for the types the service names (`Capabilities.namedRecords`). */
  related: optional(record(string(), array(string()))),
  /** Every described field by its key, the ones above included, as the editor shows them. */
  fields: record(string(), storedFieldSchema),
});
export type Task = output<typeof taskSchema>;

/** What every feature reads of a task, the same way. */
export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function taskStatus(task: Task): TaskStatus | undefined {
  return task.status;
}

/** The statuses of work still to do; the others (complete, cancelled) are closed. */
export const OPEN_STATUSES: readonly TaskStatus[] = ['TODO', 'IN_PROGRESS'];

/** Whether a task is open work (undefined: its status names none of the product's). */
export function isOpenTask(task: Task): boolean | undefined {
  const status = taskStatus(task);
  return status === undefined ? undefined : OPEN_STATUSES.includes(status);
}

export function taskTitle(task: Task): string {
  return task.title.trim() !== '' ? task.title : '(untitled)';
}

/** A day (all day, in the user's zone) or an instant. */
export function taskDue(task: Task): Due | undefined {
  return readDue(task.dueAt);
}

export interface Member {
  id: string;
  name: string;
  /** Not an active member where the tasks are (left, or of another organisation): named where they appear, never offered. */
  inactive?: boolean;
}

/** What checking a key told: whether it works, who it belongs to, and what it may do. */
export interface Account {
  active: boolean;
  /** The key's own member, where the service says (it is then the default assignee and "Mine"). */
  me?: string;
  /** Whether the key may read tasks at all (a key without tasks:read would show empty groups). */
  canRead: boolean;
  canCreate: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  canReadMembers: boolean;
  /** One line for the log, e.g. "workspace key, scopes: all". */
  summary: string;
}

export type ServiceId = 'lightfield' | 'close';

/** What a service can do; the features offer only that. */
export interface Capabilities {
  service: ServiceId;
  /** The service's name as users know it. */
  name: string;
  /** The statuses tasks can have there, in the tree's order. */
  statuses: readonly TaskStatus[];
  /** How the service names a status where it differs from the product's ("Done"). */
  statusLabels: Partial<Record<TaskStatus, string>>;
  /** Names of the kinds of task the tree tells apart (`Task.kind`); a kind not named here is the ordinary one. */
  kindLabels: Readonly<Record<string, string>>;
  /** Whether a repeated write with the same idempotency key is applied once. */
  idempotentWrites: boolean;
  /** A deleted task goes to a trash the web app restores it from (Lightfield); otherwise it is gone for good. */
  trash: boolean;
  /** The kind of record a task belongs to (a key of `Task.related`), what the tree can group by, and its name. */
  belongsTo: { objectType: string; label: string };
  /** Object types of linked records the service names (and finds by name): Lightfield's accounts and opportunities. */
  namedRecords: readonly string[];
  /** Whether the task list finds tasks by the start of their title ("Find Task" asks the service; otherwise it looks among the loaded ones). */
  titleSearch: boolean;
  /** The largest page the service lists. */
  maxPageSize: number;
  /** Whether a task can be due on a day, all day where the user is (Close), as well as at a time. */
  dueDays: boolean;
  /** Whether tasks have a description (a TODO's code goes there). */
  descriptions: boolean;
  /** What a new task must belong to, when it must (Close: a lead). */
  parent?: { label: string };
  /** The shape of the service's task IDs, a regular expression source (TODO references use it). */
  taskIdPattern: string;
  /** How the key looks and where it comes from, for the key prompt. */
  key: { placeholder: string; prefix?: string; where: string };
}

/**
 * One field as the editor shows it, described by the service: from a definitions
 * endpoint (Lightfield), or by the adapter for a service without one (Close).
 */
export interface FieldDescription {
  key: string;
  kind: 'field' | 'relationship';
  label: string;
  description?: string;
  /** A known `ValueType`, `RELATIONSHIP`, or a newer type shown read-only. */
  valueType: string;
  multiple: boolean;
  options?: { id: string; label: string }[];
  currency?: string;
  handleService?: string;
  /** For relationships: what they point at (`member` ones are picked from members). */
  objectType?: string;
  /** For relationships entered by ID: the ID prefix, e.g. `acc_`. */
  idPrefix?: string;
  readOnly: boolean;
  requiredOnCreate: boolean;
  requiredOnEdit: boolean;
  /** Editable only on tasks of these kinds (Close: a task's text, on lead tasks only). */
  editableKinds?: readonly string[];
  /** A DATETIME that also takes a day, all day (`2026-11-25`). */
  allDay?: boolean;
  /** For relationships: the most records one may link to, where the service sets a bound. */
  maxLinks?: number;
  /** Set on create, fixed afterwards. */
  createOnly?: boolean;
  /** Which of the task's own properties this field holds, if any. */
  role?: 'title' | 'status' | 'dueAt' | 'assignee' | 'description' | 'parent';
  /** A new task's value. */
  initial?: WritableValue;
}

export interface TaskDescription {
  /** In the order a person fills them in. */
  fields: FieldDescription[];
}

/** A list request in the product's words; a service that cannot filter by something lists more, and the store narrows. */
export interface TaskQuery {
  status?: TaskStatus;
  assignee?: string;
  titlePrefix?: string;
  /**
   * Due at or after this instant, and before `dueBefore` (ISO 8601): a narrowing the
   * service may apply or not, so the caller checks each task it lists.
   */
  dueFrom?: string;
  dueBefore?: string;
  offset?: number;
  limit?: number;
}

export interface TaskPage {
  tasks: Task[];
  /** Undefined where the service does not count (Close). */
  total?: number;
  hasMore: boolean;
}

/** A change in the product's words; `values` are described fields by key (from the editor). `null` clears. */
export interface TaskPatch {
  title?: string;
  status?: TaskStatus;
  /** A day or an instant, as `Task.dueAt`. */
  dueAt?: string | null;
  assignee?: string;
  description?: string | null;
  values?: Record<string, WritableValue>;
}

/** A new task: the patch's properties plus what it belongs to, where the service asks for that. */
export interface TaskDraft extends TaskPatch {
  parent?: string;
}

/** A record a task links to, by its name (a Lightfield account, say). */
export interface NamedRecord {
  id: string;
  name: string;
  webLink?: string;
}

/** Something a new task can belong to (a Close lead), as a picker shows it. */
export interface ParentChoice {
  id: string;
  label: string;
}
