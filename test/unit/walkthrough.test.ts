/** The walkthrough's buttons run the extension's own commands, and each step is completed by a real action of the extension. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Commands, ContextKeys, Views } from '../../src/constants';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; walkthroughs: { steps: { id: string; description: string; completionEvents: string[] }[] }[] };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const declared = new Set(manifest.contributes.commands.map((command) => command.command));
const viewFocus = new Set(Object.values(Views).map((view) => `${view}.focus`));

describe('the walkthrough', () => {
  const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);

  it('has a button on every step, each running a command the extension declares (or a view of its own)', () => {
    for (const step of steps) {
      const text = nls[/^%(.+)%$/.exec(step.description)?.[1] ?? ''] ?? '';
      const commands = [...text.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]);
      assert.ok(commands.length > 0, `${step.id} has a button`);
      for (const command of commands) assert.ok(declared.has(command) || viewFocus.has(command), `${step.id}: ${command}`);
    }
  });

  it('completes each step on one of the extension\'s commands or context keys', () => {
    const keys = new Set<string>(Object.values(ContextKeys));
    const commands = new Set<string>([...Object.values(Commands), ...declared]);
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(':');
        if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${event}`);
        else if (kind === 'onContext') assert.ok(keys.has(name), `${step.id}: ${event}`);
        else if (kind === 'onView') assert.ok((Object.values(Views) as string[]).includes(name), `${step.id}: ${event}`);
        else assert.fail(`${step.id}: ${event}`);
      }
    }
  });
});
