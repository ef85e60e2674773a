import * as vscode from 'vscode';
import { onFirstUse } from './lazy';

/** What a group of commands runs, by command ID. */
export type CommandHandlers<Id extends string> = Record<Id, (...args: unknown[]) => unknown>;

/** Registers the commands `ids` at once; their handlers load with the first call of any of them. */
export function registerCommandsOnFirstUse<Id extends string>(ids: readonly Id[], load: () => Promise<CommandHandlers<Id>>): vscode.Disposable[] {
  const handlers = onFirstUse(load);
  return ids.map((id) => vscode.commands.registerCommand(id, async (...args: unknown[]) => (await handlers())[id](...args)));
}
