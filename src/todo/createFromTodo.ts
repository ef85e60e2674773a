import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { iso, maxLength, nullable, object, optional, regex, string, union, type output } from 'zod/mini';
import { type ParentChoice, type Task, type TaskDraft, taskTitle } from '../api/domain';
import { ID_ARGUMENT } from '../api/taskIds';
import type { Session } from '../auth/session';
import type { ExtensionState } from '../state';
import { todoCreateKey } from '../tasks/idempotencyKeys';
import type { TaskStore } from '../tasks/taskStore';
import type { ErrorReporter } from '../ui/errorReporter';
import { flashStatus, showInfo, showWarning } from '../ui/notify';
import { iconText } from '../ui/safeText';
import { defaultAssignee, type People, pickMember } from '../ui/memberPick';
import { searchPick } from '../ui/searchPick';
import type { TodoComment } from './detect';
import type { DocumentTodos } from './documentTodos';
import { DUE_DAY } from '../shared/dueDates';
import { pickDueDate } from './dueDatePick';
import { lineLink } from './gitLink';

export interface CreateFromTodoDeps {
  store: TaskStore;
  session: Session;
  todos: DocumentTodos;
  state: ExtensionState;
  errors: ErrorReporter;
  people: People;
}

const CONTEXT_LINES = 3;

interface GitApi {
  getRepository(uri: vscode.Uri): { state: { HEAD?: { commit?: string }; remotes: { name: string; fetchUrl?: string }[] } } | null;
}

/** The line's page on the repository's web host, when VS Code's git extension knows the remote. */
function repositoryLink(uri: vscode.Uri, line: number): string | undefined {
  try {
    const git = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    const repository = git?.isActive ? git.exports.getAPI(1).getRepository(uri) : null;
    const remote = repository?.state.remotes.find((r) => r.name === 'origin') ?? repository?.state.remotes[0];
    const commit = repository?.state.HEAD?.commit;
    if (!remote?.fetchUrl || !commit) return undefined;
    return lineLink(remote.fetchUrl, commit, vscode.workspace.asRelativePath(uri, false), line);
  } catch {
    return undefined;
  }
}

function description(document: vscode.TextDocument, todo: TodoComment): string {
  const path = vscode.workspace.asRelativePath(document.uri, false);
  const first = Math.max(0, todo.line - CONTEXT_LINES);
  const last = Math.min(document.lineCount - 1, todo.endLine + CONTEXT_LINES);
  const code = Array.from({ length: last - first + 1 }, (_, i) => document.lineAt(first + i).text).join('\n');
  const fence = code.includes('```') ? '~~~~' : '```';
  const link = repositoryLink(document.uri, todo.line);
  return [
    `From a ${todo.tag} comment in \`${path}\`, line ${todo.line + 1}${link ? ` ([view](${link}))` : ''}:`,
    '',
    `${fence}${document.languageId}`,
    code,
    fence,
  ].join('\n');
}

/** Whom tasks from TODO comments go to without asking: the configured default assignee or me (memberPick.ts), else the member picked once on this connection. */
export function knownTodoAssignee(deps: Pick<CreateFromTodoDeps, 'people' | 'state' | 'session'>): string | undefined {
  return defaultAssignee(deps.people) ?? deps.state.todoAssignee(deps.session.connection).get();
}

/** Whom tasks from TODO comments go to, picked (and remembered) the first time none is known. */
async function chooseAssignee(deps: CreateFromTodoDeps): Promise<string | undefined> {
  const known = knownTodoAssignee(deps);
  if (known) return known;
  const member = await pickMember(deps.people, { title: vscode.l10n.t('Assign tasks from TODO comments to…'), placeHolder: vscode.l10n.t('Remembered for the next ones') });
  if (member) await deps.state.todoAssignee(deps.session.connection).set(member.id);
  return member?.id;
}

/** Finds the comment again after the prompts: the file may have changed meanwhile. */
function locate(deps: Pick<CreateFromTodoDeps, 'todos'>, document: vscode.TextDocument, original: TodoComment): TodoComment | undefined {
  const candidates = deps.todos.all(document).filter((todo) => !todo.reference && todo.tag === original.tag && todo.text === original.text);
  return candidates.sort((a, b) => Math.abs(a.line - original.line) - Math.abs(b.line - original.line))[0];
}

/**
 * What the new task belongs to, where the service asks for it (a Close lead):
 * picked from the service's matches for what the user types.
 */
async function chooseParent(deps: CreateFromTodoDeps, label: string): Promise<string | undefined> {
  const provider = deps.session.provider;
  if (!provider) return undefined;
  const picked = await searchPick<vscode.QuickPickItem & { choice: ParentChoice }>({
    title: vscode.l10n.t('The {0} of the new task', label),
    placeholder: vscode.l10n.t('Type to search'),
    items: [],
    searchAtOnce: true,
    search: async (text) => {
      try {
        return (await provider.searchParents(text)).map((choice) => ({ label: iconText(choice.label), description: iconText(choice.id), choice }));
      } catch (error) {
        deps.errors.report(vscode.l10n.t('Could not search for a {0}', label), error);
        return undefined;
      }
    },
  });
  return picked?.choice.id;
}

/** Answers test code may give instead of being asked (the command passes them on only in test mode). */
const answersSchema = object({
  title: optional(string().check(maxLength(1_000))),
  assignee: optional(string().check(regex(ID_ARGUMENT))),
  parent: optional(string().check(regex(ID_ARGUMENT))),
  dueAt: optional(nullable(union([iso.datetime({ offset: true }), string().check(regex(DUE_DAY))]))),
});
type CreateFromTodoAnswers = output<typeof answersSchema>;

function answersOf(value: unknown): CreateFromTodoAnswers {
  return answersSchema.safeParse(value).data ?? {};
}

/** What a task made from a TODO comment is, once asked (or given by the agent's tool). */
export interface TodoTaskAnswers {
  title: string;
  assignee: string;
  /** A day or an instant; null for none. */
  dueAt: string | null;
  /** What it belongs to, where the service asks (a Close lead). */
  parent?: string;
}

/** The title a TODO's task gets unless another is given: the comment's text. */
export function defaultTodoTitle(document: vscode.TextDocument, todo: TodoComment): string {
  return todo.text || `${todo.tag} in ${vscode.workspace.asRelativePath(document.uri, false)}`;
}

/** The comment's reference and whether it was written; `written` is false when the comment changed meanwhile. */
export interface TodoTaskOutcome {
  task: Task;
  reference: string;
  written: boolean;
}

/**
 * Creates the task of `todo` (idempotently: the same comment with the same
 * answers is the same request) and writes its reference into the comment, found
 * again first in case the file changed. Throws when the create fails; the file is
 * then unchanged.
 */
export async function createFromComment(deps: Pick<CreateFromTodoDeps, 'store' | 'session' | 'todos'>, document: vscode.TextDocument, todo: TodoComment, answers: TodoTaskAnswers): Promise<TodoTaskOutcome> {
  const { capabilities } = deps.session;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() ?? '';
  const payload: TaskDraft = {
    title: answers.title.trim(),
    status: 'TODO',
    assignee: answers.assignee,
    ...(capabilities.descriptions ? { description: description(document, todo) } : {}),
    ...(answers.dueAt ? { dueAt: answers.dueAt } : {}),
    ...(answers.parent ? { parent: answers.parent } : {}),
  };
  const key = todoCreateKey(folder, vscode.workspace.asRelativePath(document.uri, false), todo.text, payload);
  const task = await deps.store.create(payload, key);
  void vscode.commands.executeCommand('setContext', ContextKeys.createdFromTodo, true);
  const reference = deps.todos.reference.write(todo.tag, task.id);
  const target = locate(deps, document, todo);
  if (!target) return { task, reference, written: false };
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(target.line, target.tagStart, target.line, target.tagEnd), reference);
  return { task, reference, written: await vscode.workspace.applyEdit(edit) };
}

/**
 * Creates a task from the TODO comment at `line`, asking for what it needs, and
 * writes the task's reference into the comment. If the create fails, the file is
 * not touched.
 */
export async function createTaskFromTodo(deps: CreateFromTodoDeps, uriArg?: unknown, lineArg?: unknown, answersArg?: unknown): Promise<Task | undefined> {
  const answers = answersOf(answersArg);
  const editor = vscode.window.activeTextEditor;
  const document = uriArg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uriArg) : editor?.document;
  const line = typeof lineArg === 'number' ? lineArg : editor?.selection.active.line;
  const todo = document && line !== undefined ? deps.todos.at(document, line) : undefined;
  if (!document || !todo) {
    void showInfo(vscode.l10n.t('Put the cursor on a TODO comment to create a task from it.'));
    return undefined;
  }
  if (todo.reference) {
    void showInfo(vscode.l10n.t('This comment is already linked to task {0}.', todo.reference));
    return undefined;
  }
  const { capabilities } = deps.session;
  const title = answers.title ?? await vscode.window.showInputBox({
    title: vscode.l10n.t('New {0} task from {1}', capabilities.name, todo.tag),
    value: defaultTodoTitle(document, todo),
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('A task needs a title.')),
  });
  if (!title?.trim()) return undefined;
  const assignee = answers.assignee ?? (await chooseAssignee(deps));
  if (!assignee) return undefined;
  const dueAt = answers.dueAt !== undefined ? answers.dueAt : await pickDueDate(capabilities.dueDays);
  if (dueAt === undefined) return undefined;
  const parent = capabilities.parent ? (answers.parent ?? (await chooseParent(deps, capabilities.parent.label))) : undefined;
  if (capabilities.parent && !parent) return undefined;

  let outcome: TodoTaskOutcome;
  try {
    outcome = await createFromComment(deps, document, todo, { title, assignee, dueAt, parent });
  } catch (error) {
    deps.errors.report(vscode.l10n.t('Could not create a task from the {0} comment; the file is unchanged', todo.tag), error);
    return undefined;
  }
  const { task, reference } = outcome;
  if (!outcome.written) {
    const copy = vscode.l10n.t('Copy Reference');
    void showWarning(vscode.l10n.t('Created "{0}", but the comment changed meanwhile; add {1} to it yourself.', taskTitle(task), reference), copy).then((choice) => {
      if (choice === copy) void vscode.env.clipboard.writeText(reference);
    });
    return task;
  }
  flashStatus(vscode.l10n.t('Created {0} task "{1}"', capabilities.name, taskTitle(task)), 4000);
  return task;
}
