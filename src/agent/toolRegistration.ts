/**
 * Registers the agent's tools at activation, each by its declared name; what they do
 * (taskTools.ts and everything it reads) loads on the first call of any of them.
 */
import * as vscode from 'vscode';
import { Tools } from '../constants';
import { onFirstUse } from '../lazy';
import type { TaskToolDeps } from './toolRuns';

export function registerTaskTools(deps: TaskToolDeps, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const tools = onFirstUse(async () => (await import('./taskTools')).createTaskTools(deps, log));
  const tool = async (name: string) => {
    const found = (await tools()).get(name);
    if (!found) throw new Error(`No tool named ${name}`);
    return found;
  };
  return Object.values(Tools).map((name) =>
    vscode.lm.registerTool<unknown>(name, {
      prepareInvocation: async (options, token) => (await tool(name)).prepareInvocation?.(options, token),
      invoke: async (options, token) => (await tool(name)).invoke(options, token),
    }),
  );
}
