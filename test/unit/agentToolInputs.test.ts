import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  createTaskFromTodoInput,
  createTaskInput,
  deleteTaskInput,
  findTasksInput,
  getTaskInput,
  jsonSchemaOf,
  parseInput,
  updateTaskInput,
} from '../../src/agent/toolInputs';
import { Tools } from '../../src/constants';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { languageModelTools: Record<string, unknown>[] } };
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

const SCHEMAS = {
  [Tools.findTasks]: findTasksInput,
  [Tools.getTask]: getTaskInput,
  [Tools.createTask]: createTaskInput,
  [Tools.createTaskFromTodo]: createTaskFromTodoInput,
  [Tools.updateTask]: updateTaskInput,
  [Tools.deleteTask]: deleteTaskInput,
};

function refusal(schema: Parameters<typeof parseInput>[0], input: unknown): string {
  try {
    parseInput(schema, 'the tool', input);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`accepted ${JSON.stringify(input)}`);
}

describe('agent tools in the manifest', () => {
  it('declares exactly the tools the code registers', () => {
    assert.deepEqual(manifest.contributes.languageModelTools.map((tool) => tool.name).sort(), Object.values(Tools).sort());
  });

  it('declares each input schema as the code checks it (the zod schema is the source)', () => {
    for (const tool of manifest.contributes.languageModelTools) {
      const schema = SCHEMAS[tool.name as keyof typeof SCHEMAS];
      assert.deepEqual(tool.inputSchema, jsonSchemaOf(schema), `${String(tool.name)}: regenerate its inputSchema from src/agent/toolInputs.ts`);
    }
  });

  it('gives each tool a reference name, an icon, localised names and a model description', () => {
    const references = new Set<string>();
    for (const tool of manifest.contributes.languageModelTools) {
      assert.match(String(tool.toolReferenceName), /^[a-zA-Z]+$/, String(tool.name));
      references.add(String(tool.toolReferenceName));
      assert.equal(tool.canBeReferencedInPrompt, true);
      assert.match(String(tool.icon), /^\$\([a-z-]+\)$/);
      for (const key of ['displayName', 'userDescription']) {
        const nlsKey = /^%(.+)%$/.exec(String(tool[key]))?.[1];
        assert.ok(nlsKey && nls[nlsKey], `${String(tool.name)}.${key} is in package.nls.json`);
      }
      assert.ok(String(tool.modelDescription).length > 150, `${String(tool.name)} tells the model enough`);
    }
    assert.ok(references.has('tasks'), 'a user can write #tasks');
    assert.equal(references.size, manifest.contributes.languageModelTools.length);
  });
});

describe('agent tool inputs', () => {
  it('takes what the schemas describe', () => {
    assert.deepEqual(parseInput(findTasksInput, 'find', { statuses: ['TODO'], assignee: 'me', due: 'overdue', dueBefore: '2026-12-24', limit: 5 }), { statuses: ['TODO'], assignee: 'me', due: 'overdue', dueBefore: '2026-12-24', limit: 5 });
    assert.deepEqual(parseInput(updateTaskInput, 'update', { task: 'tsk_1', due: null, description: '' }), { task: 'tsk_1', due: null, description: '' });
    assert.deepEqual(parseInput(createTaskFromTodoInput, 'todo', { file: 'src/app.ts', line: 3 }), { file: 'src/app.ts', line: 3 });
    assert.equal(parseInput(createTaskInput, 'create', { title: '  Call Acme  ' }).title, 'Call Acme', 'titles are trimmed');
  });

  it('refuses bad input with one line per field the model can correct', () => {
    const message = refusal(findTasksInput, { statuses: ['OPEN'], dueBefore: 'next friday', limit: 500 });
    assert.match(message, /^The input of the tool was refused; change it and call again:/);
    assert.match(message, /statuses\.0: status must be one of TODO, IN_PROGRESS, COMPLETE, CANCELLED/);
    assert.match(message, /dueBefore: dueBefore must be a day as YYYY-MM-DD/);
    assert.match(message, /limit: limit must be at most 50/);
    assert.match(refusal(findTasksInput, { status: 'TODO' }), /unknown field\(s\) status/, 'a misspelt field is named, not ignored');
    assert.match(refusal(createTaskInput, {}), /title:/);
    assert.match(refusal(createTaskInput, { title: '   ' }), /title: title must not be empty/);
    assert.match(refusal(createTaskFromTodoInput, { file: 'a.ts', line: 0 }), /line: line must be at least 1/);
    assert.match(refusal(createTaskFromTodoInput, { file: 'a.ts', line: 2.5 }), /line: line must be a whole number/);
    assert.match(refusal(getTaskInput, 'tsk_1'), /input:/, 'not an object');
  });
});
