/**
 * No public page shows a Lightfield task ID (`tsk_` is a guess): a reference to
 * any ID the service returned must be read back from the comment it was written
 * into, and a name in parentheses must not be taken for one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIGHTFIELD_CAPABILITIES } from '../../src/api/lightfield/capabilities';
import { isPrefixedTaskId, TaskIdShape } from '../../src/api/taskIds';
import { syntaxFor } from '../../src/todo/commentSyntax';
import { findTodos, textLines } from '../../src/todo/detect';
import { ReferenceFormat } from '../../src/todo/reference';
import { clientFor, useServer } from '../support/lightfield';

const HEX = ['5f2c9a0b1d3e4f5a6b7c8d9e', '0a1b2c3d4e5f60718293a4b5', 'ffee00112233445566778899'];

describe('isPrefixedTaskId: any service\'s prefixed IDs', () => {
  it('takes a type prefix with an ID after it, and nothing less', () => {
    for (const id of ['tsk_ab12', 'task_5Xq', 'a_1']) assert.ok(isPrefixedTaskId(id), id);
    for (const id of ['tsk_', '_ab12', 'tsk', 'tsk_ab-12', 'tsk_ab 12', '1tsk_ab', '']) assert.equal(isPrefixedTaskId(id), false, id);
  });
});

describe('TaskIdShape', () => {
  it('takes the guessed pattern before it has seen any ID', () => {
    const shape = new TaskIdShape(LIGHTFIELD_CAPABILITIES.taskIdPattern);
    assert.equal(shape.matches('tsk_ab12'), true);
    assert.equal(shape.matches(HEX[0]), false);
  });

  const learned = new TaskIdShape(LIGHTFIELD_CAPABILITIES.taskIdPattern);
  for (const id of HEX) learned.learn(id);
  const table: [string, boolean][] = [
    ...HEX.map((id): [string, boolean] => [id, true]),
    ['abcdef0123456789abcdef01', true],
    ['tsk_ab12', true],
    ['alice', false],
    ['bob_smith', false],
    ['deadbeef', false],
    ['5f2c9a0b1d3e4f5a6b7c8d9e00', false],
    ['abcdefabcdefabcdefabcdef', false],
    ['5F2C9A0B1D3E4F5A6B7C8D9E', false],
    ['5f2c9a0b-1d3e-4f5a-6b7c8', false],
    ['', false],
  ];
  for (const [id, expected] of table) {
    it(`${expected ? 'takes' : 'refuses'} ${JSON.stringify(id)} once bare hex IDs were seen`, () => assert.equal(learned.matches(id), expected));
  }

  it('always takes an ID it was given, whatever its shape', () => {
    const shape = new TaskIdShape(LIGHTFIELD_CAPABILITIES.taskIdPattern);
    shape.learn('Task-42');
    assert.equal(shape.matches('Task-42'), true);
    assert.equal(shape.learn('Task-42'), false, 'nothing new the second time');
  });
});

describe('TODO references to a service whose task IDs have no prefix', () => {
  const server = useServer({ tasks: 6, taskIds: 'bare' });

  it('reads back the reference written for a created task, and leaves a name in parentheses alone', async () => {
    const client = clientFor(server());
    const shape = new TaskIdShape(LIGHTFIELD_CAPABILITIES.taskIdPattern);
    for (const task of await client.listAllTasks()) shape.learn(task.id);
    const created = await client.createTask({ title: 'From a TODO', status: 'TODO', assignee: server().members[0].id });
    assert.doesNotMatch(created.id, /_/, 'the server gives bare IDs');
    shape.learn(created.id);
    for (const format of ['{tag}({id})', '{tag}[{id}]', '{tag} {id}:']) {
      const reference = new ReferenceFormat(format);
      const source = `// ${reference.write('TODO', created.id)} send the quote\n// TODO(alice): ask about the budget\n`;
      const todos = findTodos(textLines(source), syntaxFor('typescript'), { tags: ['TODO'], reference, isTaskId: (id) => shape.matches(id) });
      assert.deepEqual(todos.map((todo) => todo.reference), [created.id, undefined], format);
      assert.equal(todos[0].text, 'send the quote', format);
      assert.equal(todos[1].text, '(alice): ask about the budget', 'a name stays in the text');
    }
  });
});
