/**
 * What each agent tool takes, as zod schemas: the one source of the input
 * schemas in `package.json` (a unit test checks they match) and of the checks
 * made before a tool runs. A refused input gets one line per problem, naming the
 * field, so the model can correct it. No `vscode` import.
 */
import {
  array,
  describe,
  enum as zEnum,
  int,
  maxLength,
  maximum,
  minimum,
  minLength,
  nullable,
  number,
  strictObject,
  optional,
  regex,
  string,
  toJSONSchema,
  trim,
  type output,
  type ZodMiniType,
} from 'zod/mini';
import { TASK_STATUSES } from '../api/domain';
import { DUE_BUCKETS } from '../tasks/grouping';

/** The most tasks one answer of "find tasks" lists. */
export const MAX_FIND_LIMIT = 50;
export const DEFAULT_FIND_LIMIT = 20;

const text = (max: number, what: string) => string().check(trim(), minLength(1, `${what} must not be empty`), maxLength(max, `${what} must be at most ${max} characters`));
const day = (what: string) => string().check(regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a day as YYYY-MM-DD`));
const status = zEnum(TASK_STATUSES, { error: `status must be one of ${TASK_STATUSES.join(', ')}` });
const task = text(300, 'task').check(describe('The task: its ID (as "find tasks" lists it) or a reference that contains it, such as TODO(ID).'));
const due = text(40, 'due').check(describe('A day (YYYY-MM-DD, all day in the user\'s time zone), a day and time (YYYY-MM-DD HH:MM, the user\'s time zone), or an ISO 8601 instant with an offset.'));
const assignee = text(200, 'assignee').check(describe('"me" (the user), a member\'s name, or a member ID.'));
const belongsTo = text(200, 'belongsTo').check(describe('What the task belongs to: the name (or its start) or ID of a Lightfield account or a Close lead.'));

export const findTasksInput = strictObject({
  statuses: optional(array(status).check(describe('Only tasks with one of these statuses. TODO and IN_PROGRESS are open; COMPLETE and CANCELLED are closed.'))),
  assignee: optional(assignee),
  due: optional(zEnum(DUE_BUCKETS, { error: `due must be one of ${DUE_BUCKETS.join(', ')}` }).check(describe('Only open tasks in this due group, in the user\'s time zone: overdue, today, week (the next seven days), later, none (no due date).'))),
  dueBefore: optional(day('dueBefore').check(describe('Only tasks due before this day (YYYY-MM-DD, the user\'s time zone; the day itself excluded).'))),
  dueAfter: optional(day('dueAfter').check(describe('Only tasks due after this day (YYYY-MM-DD, the user\'s time zone; the day itself excluded).'))),
  titleContains: optional(text(200, 'titleContains').check(describe('Only tasks whose title contains this text (any case).'))),
  belongsTo: optional(belongsTo),
  limit: optional(number().check(int(`limit must be a whole number`), minimum(1, 'limit must be at least 1'), maximum(MAX_FIND_LIMIT, `limit must be at most ${MAX_FIND_LIMIT}`), describe(`How many tasks to list (default ${DEFAULT_FIND_LIMIT}, at most ${MAX_FIND_LIMIT}).`))),
  cursor: optional(string().check(maxLength(100, 'cursor must be a cursor from an earlier answer'), describe('To list the next tasks: the cursor the previous answer of this tool gave, with the same filters.'))),
});
export type FindTasksInput = output<typeof findTasksInput>;

export const getTaskInput = strictObject({ task });
export type GetTaskInput = output<typeof getTaskInput>;

export const createTaskInput = strictObject({
  title: text(500, 'title').check(describe('The task\'s title: one line.')),
  status: optional(status.check(describe('The status to create it in (default TODO).'))),
  due: optional(due),
  assignee: optional(assignee.check(describe('Whom the task is for: "me", a member\'s name, or a member ID (default: the user\'s default assignee, else the user).'))),
  description: optional(text(10_000, 'description').check(describe('The task\'s description (Markdown), where the service has one.'))),
  belongsTo: optional(belongsTo.check(describe('What the task belongs to: on Close a lead (required there), by name or ID; on Lightfield an account, by name or ID.'))),
});
export type CreateTaskInput = output<typeof createTaskInput>;

export const createTaskFromTodoInput = strictObject({
  file: text(1_000, 'file').check(describe('The file with the TODO comment: a path relative to the workspace folder, or an absolute path inside it.')),
  line: number().check(int('line must be a whole number'), minimum(1, 'line must be at least 1 (lines count from 1)'), describe('The line of the TODO comment, counting from 1.')),
  title: optional(text(500, 'title').check(describe('The task\'s title (default: the comment\'s text).'))),
  due: optional(due),
  assignee: optional(assignee.check(describe('Whom the task is for (default: whom tasks from TODO comments go to).'))),
  belongsTo: optional(belongsTo.check(describe('On Close, the lead the task belongs to (required there), by name or ID.'))),
});
export type CreateTaskFromTodoInput = output<typeof createTaskFromTodoInput>;

export const updateTaskInput = strictObject({
  task,
  title: optional(text(500, 'title')),
  status: optional(status),
  due: optional(nullable(due).check(describe('The new due date, as for "create task"; null removes it.'))),
  assignee: optional(assignee),
  description: optional(nullable(string().check(maxLength(10_000, 'description must be at most 10000 characters'))).check(describe('The new description; null or "" removes it.'))),
});
export type UpdateTaskInput = output<typeof updateTaskInput>;

export const deleteTaskInput = strictObject({ task });
export type DeleteTaskInput = output<typeof deleteTaskInput>;

/** The input schema as `package.json` declares it (JSON Schema, without the `$schema` line). */
export function jsonSchemaOf(schema: ZodMiniType): Record<string, unknown> {
  const generated = toJSONSchema(schema) as Record<string, unknown>;
  delete generated.$schema;
  return generated;
}

/** The input, or an error whose message tells the model what to change, one field per line. */
export function parseInput<T>(schema: ZodMiniType<T>, tool: string, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'input';
    return issue.code === 'unrecognized_keys' ? `${where}: unknown field(s) ${issue.keys.join(', ')}` : `${where}: ${issue.message}`;
  });
  throw new Error(`The input of ${tool} was refused; change it and call again:\n${problems.join('\n')}`);
}
