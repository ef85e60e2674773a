/**
 * What each agent tool does, through the store and the session's provider (never
 * a second HTTP path), and the lines it answers with (`toolText.ts`). Inputs have
 * been checked against their schemas; anything the model must change is a
 * `ToolInputError`.
 */
import * as vscode from 'vscode';
import type { FieldDescription, Member, Task, TaskDescription, TaskDraft, TaskPatch } from '../api/domain';
import type { TaskProvider } from '../api/provider';
import type { Session } from '../auth/session';
import { dayIn } from '../shared/dueDates';
import type { ExtensionState } from '../state';
import { agentCreateKey, updateKey } from '../tasks/idempotencyKeys';
import type { ProviderCache } from '../tasks/providerCache';
import type { TaskStore } from '../tasks/taskStore';
import { requireProvider } from '../tasks/taskWrites';
import { createFromComment, defaultTodoTitle, knownTodoAssignee } from '../todo/createFromTodo';
import type { DocumentTodos } from '../todo/documentTodos';
import { defaultAssignee, type People, whoIsMe } from '../ui/memberPick';
import { dueOf, memberIdOf, recordIdOf, recordsNamed, taskIdIn, ToolInputError, type MemberDirectory } from './lookups';
import { DEFAULT_FIND_LIMIT, type CreateTaskFromTodoInput, type CreateTaskInput, type DeleteTaskInput, type FindTasksInput, type GetTaskInput, type UpdateTaskInput } from './toolInputs';
import { findTasks, type TaskFilter } from './taskSearch';
import { DATA_NOTE, idText, quoted, taskDetails, taskLine, type TextContext } from './toolText';

export interface TaskToolDeps {
  store: TaskStore;
  session: Session;
  people: People;
  state: ExtensionState;
  todos: DocumentTodos;
  descriptions: ProviderCache<TaskDescription>;
  /** Whether a word in a reference is a task ID of the connected service. */
  isTaskId: (id: string) => boolean;
}

/** A create repeated with the same input within this time gives the task made the first time (an agent retrying, say). */
const REPEAT_WINDOW_MS = 10 * 60_000;

export class TaskToolRuns {
  /** Creates made by the tools, by connection and idempotency key: for services that do not keep keys (Close). */
  private readonly created = new Map<string, { id: string; at: number }>();

  constructor(private readonly deps: TaskToolDeps) {}

  private get provider(): TaskProvider {
    return requireProvider(() => this.deps.session.provider);
  }

  /** The members, or undefined where the key may not list them (or listing failed). */
  members(): Promise<ReadonlyMap<string, Member> | undefined> {
    return this.deps.session.can('readMembers') ? this.deps.people.members.get().catch(() => undefined) : Promise.resolve(undefined);
  }

  private get directory(): MemberDirectory {
    return { me: () => whoIsMe(this.deps.people), members: () => this.members() };
  }

  async textContext(): Promise<TextContext> {
    const members = await this.members();
    return { capabilities: this.provider.capabilities, memberName: (id) => members?.get(id)?.name, now: Date.now() };
  }

  /** A task by ID or reference: as the store holds it, else read from the service. */
  async taskNamed(text: string): Promise<Task> {
    const id = taskIdIn(text, this.deps.isTaskId);
    return this.deps.store.task(id) ?? this.deps.store.fetch(id);
  }

  async find(input: FindTasksInput): Promise<string[]> {
    const { provider } = this;
    const { belongsTo } = provider.capabilities;
    const filter: TaskFilter = { statuses: input.statuses, due: input.due, dueBefore: input.dueBefore, dueAfter: input.dueAfter, titleContains: input.titleContains };
    if (input.assignee) filter.assignee = await memberIdOf(input.assignee, this.directory);
    if (input.belongsTo) {
      const records = await recordsNamed(provider, input.belongsTo);
      if (records.length === 0) return [`No ${belongsTo.label.toLocaleLowerCase()} is named ${quoted(input.belongsTo)}, so no task belongs to one: check the name.`];
      filter.belongsTo = { objectType: belongsTo.objectType, ids: new Set(records.map((record) => record.id)) };
    }
    const found = await findTasks(this.deps.store, provider, filter, { limit: input.limit ?? DEFAULT_FIND_LIMIT, cursor: input.cursor });
    const context = await this.textContext();
    return [
      `${found.tasks.length} ${provider.capabilities.name} task(s) found${found.source === 'store' ? ' among those already loaded (every task the filters can match)' : ''}. Today is ${dayIn(context.now)} in the user's time zone.`,
      DATA_NOTE,
      ...found.tasks.map((task) => taskLine(task, context)),
      found.cursor ? `More tasks may match: call again with the same filters and cursor "${found.cursor}".` : 'No more tasks match.',
    ];
  }

  async get(input: GetTaskInput): Promise<string[]> {
    const id = taskIdIn(input.task, this.deps.isTaskId);
    const [task, description, context] = await Promise.all([this.deps.store.fetch(id), this.deps.descriptions.get(), this.textContext()]);
    const names = await this.recordNames(task, description.fields);
    const recordName = (objectType: string | undefined, recordId: string) => (objectType === 'member' ? context.memberName(recordId) : names.get(recordId));
    return [DATA_NOTE, ...taskDetails(task, description.fields, context, recordName)];
  }

  /** Names of the records a task's relationship fields link to, where the service names them. */
  private async recordNames(task: Task, fields: readonly FieldDescription[]): Promise<Map<string, string>> {
    const { provider } = this;
    const named = new Set([...provider.capabilities.namedRecords, provider.capabilities.belongsTo.objectType]);
    const wanted = new Map<string, Set<string>>();
    for (const field of fields) {
      const value = task.fields[field.key];
      if (field.kind !== 'relationship' || !field.objectType || !named.has(field.objectType) || value?.valueType !== 'RELATIONSHIP') continue;
      const ids = wanted.get(field.objectType) ?? new Set<string>();
      for (const recordId of value.value ?? []) ids.add(recordId);
      wanted.set(field.objectType, ids);
    }
    const found = await Promise.all([...wanted].map(([objectType, ids]) => provider.nameRecords(objectType, [...ids]).catch(() => [])));
    return new Map(found.flat().map((record) => [record.id, record.name]));
  }

  /** The draft an input makes, as the service takes it. */
  async draftOf(input: CreateTaskInput): Promise<TaskDraft> {
    const { provider } = this;
    const { capabilities } = provider;
    const status = input.status ?? 'TODO';
    if (!capabilities.statuses.includes(status)) throw new ToolInputError(`status: ${capabilities.name} tasks cannot be ${status}; use one of ${capabilities.statuses.join(', ')}.`);
    if (input.description && !capabilities.descriptions) throw new ToolInputError(`description: ${capabilities.name} tasks have no description; leave it out.`);
    const assignee = input.assignee ? await memberIdOf(input.assignee, this.directory) : defaultAssignee(this.deps.people);
    if (!assignee && (await this.deps.descriptions.get()).fields.some((field) => field.role === 'assignee' && field.requiredOnCreate)) {
      throw new ToolInputError(`assignee: ${capabilities.name} tasks need an assignee and the user has no default one; give "me", a member's name or a member ID.`);
    }
    const draft: TaskDraft = {
      title: input.title,
      status,
      ...(assignee ? { assignee } : {}),
      ...(input.description ? { description: input.description } : {}),
      ...(input.due ? { dueAt: dueOf(input.due, capabilities) } : {}),
    };
    if (capabilities.parent) {
      if (!input.belongsTo) throw new ToolInputError(`belongsTo: a ${capabilities.name} task belongs to a ${capabilities.parent.label.toLocaleLowerCase()}; give its name or ID.`);
      return { ...draft, parent: await recordIdOf(provider, input.belongsTo) };
    }
    if (!input.belongsTo) return draft;
    const field = (await this.deps.descriptions.get()).fields.find((each) => each.kind === 'relationship' && each.objectType === capabilities.belongsTo.objectType && !each.readOnly);
    if (!field) throw new ToolInputError(`belongsTo: ${capabilities.name} does not let a new task belong to a ${capabilities.belongsTo.label.toLocaleLowerCase()}; leave it out.`);
    return { ...draft, values: { [field.key]: [await recordIdOf(provider, input.belongsTo)] } };
  }

  async create(input: CreateTaskInput): Promise<string[]> {
    const draft = await this.draftOf(input);
    const key = agentCreateKey(draft);
    const memory = `${this.deps.session.connection} ${key}`;
    const now = Date.now();
    for (const [entry, made] of this.created) if (now - made.at > REPEAT_WINDOW_MS) this.created.delete(entry);
    const earlier = this.created.get(memory);
    const context = await this.textContext();
    if (earlier) {
      const task = this.deps.store.task(earlier.id) ?? (await this.deps.store.fetch(earlier.id).catch(() => undefined));
      if (task) return ['This task was created from the same input a moment ago, so it was not created again:', DATA_NOTE, taskLine(task, context)];
    }
    const task = await this.deps.store.create(draft, key);
    this.created.set(memory, { id: task.id, at: now });
    return [`Created the ${context.capabilities.name} task:`, DATA_NOTE, taskLine(task, context)];
  }

  /** The workspace file a tool input names: relative to a workspace folder, or absolute inside one. */
  async workspaceFile(file: string): Promise<vscode.Uri> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const absolute = file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file);
    const candidates = folders.map((folder) => (absolute ? folder.uri.with({ path: vscode.Uri.file(file).path }) : vscode.Uri.joinPath(folder.uri, file)));
    for (const candidate of candidates) {
      if (!vscode.workspace.getWorkspaceFolder(candidate)) continue;
      const found = await vscode.workspace.fs.stat(candidate).then((stat) => stat.type === vscode.FileType.File, () => false);
      if (found) return candidate;
    }
    throw new ToolInputError(`file: there is no file ${quoted(file, 300)} in the workspace; give a path relative to the workspace folder.`);
  }

  async createFromTodo(input: CreateTaskFromTodoInput): Promise<string[]> {
    const { provider } = this;
    const { capabilities } = provider;
    const uri = await this.workspaceFile(input.file);
    const path = vscode.workspace.asRelativePath(uri, false);
    const document = await vscode.workspace.openTextDocument(uri);
    const todo = input.line <= document.lineCount ? this.deps.todos.at(document, input.line - 1) : undefined;
    if (!todo) throw new ToolInputError(`line: line ${input.line} of ${quoted(path, 300)} holds no TODO comment; give the line of one.`);
    if (todo.reference) return [`The ${todo.tag} comment on line ${input.line} of ${quoted(path, 300)} is already linked to task ${idText(todo.reference)}; no task was created.`];
    const assignee = input.assignee ? await memberIdOf(input.assignee, this.directory) : knownTodoAssignee(this.deps);
    if (!assignee) throw new ToolInputError('assignee: nobody is set to receive tasks from TODO comments; give "me", a member\'s name or a member ID.');
    if (capabilities.parent && !input.belongsTo) throw new ToolInputError(`belongsTo: a ${capabilities.name} task belongs to a ${capabilities.parent.label.toLocaleLowerCase()}; give its name or ID.`);
    const answers = {
      title: input.title ?? defaultTodoTitle(document, todo),
      assignee,
      dueAt: input.due ? dueOf(input.due, capabilities) : null,
      ...(capabilities.parent && input.belongsTo ? { parent: await recordIdOf(provider, input.belongsTo) } : {}),
    };
    const wasDirty = document.isDirty;
    const outcome = await createFromComment(this.deps, document, todo, answers);
    // A file the user had not changed is saved with its new reference; one with their unsaved edits is left to them.
    if (outcome.written && !wasDirty) await document.save();
    const context = await this.textContext();
    const where = `the ${todo.tag} comment on line ${input.line} of ${quoted(path, 300)}`;
    return [
      outcome.written ? `Created the task and wrote its reference ${quoted(outcome.reference)} into ${where}:` : `Created the task, but ${where} changed meanwhile: its reference ${quoted(outcome.reference)} was not written.`,
      DATA_NOTE,
      taskLine(outcome.task, context),
    ];
  }

  /** The patch an update's input makes. */
  async patchOf(input: UpdateTaskInput): Promise<TaskPatch> {
    const { capabilities } = this.provider;
    const patch: TaskPatch = {};
    if (input.title !== undefined) patch.title = input.title;
    if (input.status !== undefined) {
      if (!capabilities.statuses.includes(input.status)) throw new ToolInputError(`status: ${capabilities.name} tasks cannot be ${input.status}; use one of ${capabilities.statuses.join(', ')}.`);
      patch.status = input.status;
    }
    if (input.due !== undefined) patch.dueAt = input.due === null ? null : dueOf(input.due, capabilities);
    if (input.assignee !== undefined) patch.assignee = await memberIdOf(input.assignee, this.directory);
    if (input.description !== undefined) {
      if (!capabilities.descriptions) throw new ToolInputError(`description: ${capabilities.name} tasks have no description; leave it out.`);
      patch.description = input.description || null;
    }
    if (Object.keys(patch).length === 0) throw new ToolInputError('Nothing to change: give at least one of title, status, due, assignee, description.');
    return patch;
  }

  async update(input: UpdateTaskInput): Promise<string[]> {
    const current = await this.taskNamed(input.task);
    const patch = await this.patchOf(input);
    const updated = await this.deps.store.update(current.id, patch, { idempotencyKey: updateKey(current.id, current.updatedAt, patch) });
    return ['Updated the task:', DATA_NOTE, taskLine(updated, await this.textContext())];
  }

  async delete(input: DeleteTaskInput): Promise<string[]> {
    const task = await this.taskNamed(input.task);
    await this.deps.store.delete(task.id);
    const { capabilities } = this.provider;
    const where = capabilities.trash ? `it is in ${capabilities.name}'s trash, where the web app can restore it` : 'it is gone for good';
    return [DATA_NOTE, `Deleted task ${idText(task.id)} (${where}). Its title was ${quoted(task.title)}.`];
  }
}
