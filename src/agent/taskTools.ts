/**
 * The agent's task tools (`contributes.languageModelTools`): find, get, create,
 * create from a TODO comment, update, delete. Reads run at once; writes ask the
 * user first, in a confirmation that names the task and the change, server text
 * shown as text. Signed out, or with a key whose scopes do not allow a write,
 * a tool refuses with what to do instead. A failure is an error whose message
 * the model can act on; its details go to the log.
 */
import * as vscode from 'vscode';
import type { ZodMiniType } from 'zod/mini';
import type { Permission } from '../auth/session';
import { Tools } from '../constants';
import { describeError } from '../ui/describeError';
import { markdownText } from '../ui/safeText';
import { ToolInputError } from './lookups';
import { createTaskFromTodoInput, createTaskInput, deleteTaskInput, findTasksInput, getTaskInput, parseInput, updateTaskInput } from './toolInputs';
import { type TaskToolDeps, TaskToolRuns } from './toolRuns';
import { type Confirmation, createConfirmation, deleteConfirmation, todoConfirmation, updateConfirmation } from './confirmations';
import { answer, clipped, quoted } from './toolText';

interface ToolSpec<T> {
  name: string;
  schema: ZodMiniType<T>;
  /** What the key must be allowed to do (writes); reads need only a sign-in. */
  permission?: Permission;
  /** The progress line while it runs. */
  running: string;
  /** What a write asks the user: a title, and plain lines naming the task and the change. */
  confirm?: (input: T) => Promise<Confirmation>;
  run: (input: T) => Promise<string[]>;
}

const VERBS: Record<Permission, string> = { create: 'create', update: 'change', delete: 'delete', readMembers: 'list members for' };

/** Why the tool may not run now, for the model to tell the user; undefined when it may. */
async function refusal(deps: TaskToolDeps, permission: Permission | undefined): Promise<string | undefined> {
  const { session } = deps;
  const { name } = session.capabilities;
  if (!session.signedIn || !session.provider) return `Not signed in to ${name}: ask the user to run "Lightfield: Set API Key" from the Command Palette, then call again.`;
  if (!permission) return undefined;
  // What a key may do is known once it has been checked (at most once per key).
  await session.validate().catch(() => undefined);
  if (session.can(permission)) return undefined;
  return `The ${name} API key may not ${VERBS[permission]} tasks (its scopes do not allow it): ask the user for a key that may, then call again. Nothing was changed.`;
}

/** Lines as a confirmation's body: each one text, never Markdown, links or HTML. */
function plainMessage(lines: readonly string[]): vscode.MarkdownString {
  return new vscode.MarkdownString(lines.map((line) => markdownText(line)).join('\n\n'));
}

function defineTool<T>(deps: TaskToolDeps, log: vscode.LogOutputChannel, spec: ToolSpec<T>): vscode.LanguageModelTool<unknown> {
  return {
    prepareInvocation: async (options) => {
      const parsed = spec.schema.safeParse(options.input);
      // Invalid input or a refusal: `invoke` says why, and changes nothing.
      if (!spec.confirm || !parsed.success || (await refusal(deps, spec.permission))) return { invocationMessage: spec.running };
      const confirmation = await spec.confirm(parsed.data);
      return { invocationMessage: spec.running, confirmationMessages: { title: confirmation.title, message: plainMessage(confirmation.lines) } };
    },
    invoke: async (options) => {
      const input = parseInput(spec.schema, spec.name, options.input);
      const refused = await refusal(deps, spec.permission);
      if (refused) throw new Error(refused);
      try {
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(answer(await spec.run(input)))]);
      } catch (error) {
        if (error instanceof ToolInputError) throw error;
        log.warn(`Agent tool ${spec.name} failed: ${describeError(error)}`);
        // The service's words are server text too: quoted, as data.
        throw new Error(`${deps.session.capabilities.name} did not do it: ${quoted(describeError(error), 500)}. See "Lightfield: Show Log" for details.`, { cause: error });
      }
    },
  };
}

/** Asks anyway when the details cannot be read: a write is never made unconfirmed. */
async function orPlainly(title: string, fallback: string, describe: () => Promise<Confirmation>): Promise<Confirmation> {
  try {
    return await describe();
  } catch (error) {
    return { title, lines: [fallback, vscode.l10n.t('(Its details could not be read: {0})', describeError(error))] };
  }
}

/** The tools by name; loaded on the first tool call (toolRegistration.ts registers them at activation). */
export function createTaskTools(deps: TaskToolDeps, log: vscode.LogOutputChannel): Map<string, vscode.LanguageModelTool<unknown>> {
  const runs = new TaskToolRuns(deps);
  const service = () => deps.session.capabilities.name;
  const define = <T>(spec: ToolSpec<T>): [string, vscode.LanguageModelTool<unknown>] => [spec.name, defineTool(deps, log, spec)];
  return new Map([
    define({ name: Tools.findTasks, schema: findTasksInput, running: vscode.l10n.t('Finding tasks…'), run: (input) => runs.find(input) }),
    define({ name: Tools.getTask, schema: getTaskInput, running: vscode.l10n.t('Reading the task…'), run: (input) => runs.get(input) }),
    define({
      name: Tools.createTask,
      schema: createTaskInput,
      permission: 'create',
      running: vscode.l10n.t('Creating the task…'),
      confirm: (input) =>
        orPlainly(vscode.l10n.t('Create a {0} task?', service()), vscode.l10n.t('Title: "{0}"', clipped(input.title)), async () => {
          const [draft, context] = await Promise.all([runs.draftOf(input), runs.textContext()]);
          return createConfirmation(vscode.l10n, draft, input.belongsTo, context);
        }),
      run: (input) => runs.create(input),
    }),
    define({
      name: Tools.createTaskFromTodo,
      schema: createTaskFromTodoInput,
      permission: 'create',
      running: vscode.l10n.t('Creating a task from the TODO comment…'),
      confirm: (input) => Promise.resolve(todoConfirmation(vscode.l10n, input.file, input.line, input.title, deps.session.capabilities)),
      run: (input) => runs.createFromTodo(input),
    }),
    define({
      name: Tools.updateTask,
      schema: updateTaskInput,
      permission: 'update',
      running: vscode.l10n.t('Updating the task…'),
      confirm: (input) =>
        orPlainly(vscode.l10n.t('Update a {0} task?', service()), vscode.l10n.t('Task {0}', clipped(input.task)), async () => {
          const [task, patch, context] = await Promise.all([runs.taskNamed(input.task), runs.patchOf(input), runs.textContext()]);
          return updateConfirmation(vscode.l10n, task, patch, context);
        }),
      run: (input) => runs.update(input),
    }),
    define({
      name: Tools.deleteTask,
      schema: deleteTaskInput,
      permission: 'delete',
      running: vscode.l10n.t('Deleting the task…'),
      confirm: (input) =>
        orPlainly(vscode.l10n.t('Delete a {0} task?', service()), vscode.l10n.t('Task {0}', clipped(input.task)), async () => deleteConfirmation(vscode.l10n, await runs.taskNamed(input.task), deps.session.capabilities)),
      run: (input) => runs.delete(input),
    }),
  ]);
}
