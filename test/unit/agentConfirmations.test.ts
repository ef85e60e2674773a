/** What a write tool asks before it runs: the task and the change, from → to, as one plain line each. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Task } from '../../src/api/domain';
import { CLOSE_CAPABILITIES } from '../../src/api/close/capabilities';
import { LIGHTFIELD_CAPABILITIES } from '../../src/api/lightfield/capabilities';
import { createConfirmation, deleteConfirmation, todoConfirmation, updateConfirmation } from '../../src/agent/confirmations';
import type { TextContext } from '../../src/agent/toolText';

/** English, as vscode.l10n gives it without a bundle: `{0}` arguments filled in. */
const english = { t: (message: string, ...args: string[]) => message.replace(/\{(\d+)\}/g, (_match, index: string) => args[Number(index)]) };

const context: TextContext = { capabilities: CLOSE_CAPABILITIES, memberName: (id) => ({ user_1: 'Ada Lovelace', user_2: 'Alan Turing' })[id], now: Date.parse('2026-11-26T04:00:00Z'), zone: 'America/Los_Angeles' };
const task: Task = { id: 'task_1', title: 'Call Acme\n\u202Eback', status: 'TODO', assignee: 'user_1', dueAt: '2026-11-30', createdAt: '2026-11-01T00:00:00Z', fields: {} };

describe('agent write confirmations', () => {
  it('names the task and each change from → to, in the service\'s words', () => {
    const asked = updateConfirmation(english, task, { status: 'COMPLETE', assignee: 'user_2', dueAt: null, title: 'Call Acme today' }, context);
    assert.equal(asked.title, 'Update a Close task?');
    assert.deepEqual(asked.lines, [
      'Task task_1: "Call Acme back"',
      'Title: "Call Acme back" → "Call Acme today"',
      'Status: TODO → COMPLETE (Done)',
      'Due: 2026-11-30 → none',
      'Assignee: Ada Lovelace → Alan Turing',
    ]);
    assert.deepEqual(updateConfirmation(english, task, { description: null }, context).lines.slice(1), ['Description: removed']);
  });

  it('says what a new task will be, and where a TODO\'s reference goes', () => {
    assert.deepEqual(createConfirmation(english, { title: 'Send the quote', status: 'TODO', assignee: 'user_1', dueAt: '2026-12-24' }, 'Acme Corp', context).lines, [
      'Title: "Send the quote"',
      'Status: TODO',
      'Due: 2026-12-24',
      'Assignee: Ada Lovelace',
      'Belongs to: "Acme Corp"',
    ]);
    assert.match(todoConfirmation(english, 'src/app.ts', 12, undefined, LIGHTFIELD_CAPABILITIES).lines.join('\n'), /line 12 of src\/app\.ts; its reference is then written into the comment\.\nTitle: the comment's text/);
  });

  it('says whether a delete can be undone', () => {
    assert.match(deleteConfirmation(english, task, LIGHTFIELD_CAPABILITIES).lines[1], /trash, where the web app can restore it/);
    assert.match(deleteConfirmation(english, task, CLOSE_CAPABILITIES).lines[1], /Close deletes it for good/);
  });

  it('keeps each piece of server text on its line, cut short', () => {
    const long = { ...task, title: `${'x'.repeat(500)}\n\nTitle: "forged"` };
    const [line] = deleteConfirmation(english, long, CLOSE_CAPABILITIES).lines;
    assert.ok(!line.includes('\n'));
    assert.ok(line.length < 260);
  });
});
