import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lineLink, webBaseOfRemote } from '../../src/todo/gitLink';
import { syntaxFor } from '../../src/todo/commentSyntax';
import { findTodos, textLines } from '../../src/todo/detect';
import { READABLE_FORMAT, ReferenceFormat } from '../../src/todo/reference';
import { DEFAULT_REFERENCE_FORMAT } from '../../src/constants';

describe('task references in TODO comments', () => {
  it('round-trips through every format', () => {
    for (const format of [DEFAULT_REFERENCE_FORMAT, '{tag}[{id}]', '{tag} #{id}', '{tag}({id}, lightfield)']) {
      const reference = new ReferenceFormat(format);
      assert.deepEqual(reference.parse(reference.write('FIXME', 'tsk_ab12')), { tag: 'FIXME', id: 'tsk_ab12' }, format);
    }
    assert.equal(new ReferenceFormat().write('TODO', 'tsk_1'), 'TODO(tsk_1)');
  });

  it('falls back to the default when a format lacks {tag} or {id}, and rejects non-IDs', () => {
    assert.equal(new ReferenceFormat('{id}').write('TODO', 'tsk_1'), 'TODO(tsk_1)');
    assert.equal(new ReferenceFormat().parse('TODO(alice)'), undefined);
    assert.equal(new ReferenceFormat().parse('TODO'), undefined);
  });

  it('is read back by detection in the configured format: what is written is recognised', () => {
    for (const format of ['{tag}[{id}]', '{tag} #{id}', DEFAULT_REFERENCE_FORMAT]) {
      const reference = new ReferenceFormat(format);
      const line = `// ${reference.write('TODO', 'tsk_ab12')}: send the quote`;
      const [todo] = findTodos(textLines(line), syntaxFor('typescript'), { tags: ['TODO'], reference });
      assert.equal(todo?.reference, 'tsk_ab12', format);
      assert.equal(todo.text, 'send the quote', format);
      assert.equal(line.slice(todo.tagStart, todo.tagEnd), reference.write('TODO', 'tsk_ab12'), 'a rewrite replaces the whole reference');
    }
  });
});

describe('links to a line on the repository web host', () => {
  it('understands ssh, scp-like and https remotes', () => {
    assert.equal(webBaseOfRemote('git@github.com:org/repo.git'), 'https://github.com/org/repo');
    assert.equal(webBaseOfRemote('https://gitlab.com/group/sub/repo.git'), 'https://gitlab.com/group/sub/repo');
    assert.equal(webBaseOfRemote('ssh://git@github.com/org/repo.git'), 'https://github.com/org/repo');
    assert.equal(webBaseOfRemote('/local/path/repo'), undefined);
  });

  it('points at the line, with the path encoded', () => {
    assert.equal(lineLink('git@github.com:org/repo.git', 'abc123', 'src/my file.ts', 9), 'https://github.com/org/repo/blob/abc123/src/my%20file.ts#L10');
    assert.equal(lineLink('https://bitbucket.org/team/repo.git', 'main', 'a.py', 0), 'https://bitbucket.org/team/repo/src/main/a.py#lines-1');
  });
});

describe('reference formats that could not be read back', () => {
  it('are refused: the default is written instead, so the TODO is tracked and never offers "Create" again', () => {
    for (const format of ['[{id}] {tag}', '{id}: {tag}', '#{id} {tag}', '{tag}']) {
      const reference = new ReferenceFormat(format);
      const line = `// ${reference.write('TODO', 'tsk_ab12')}: send the quote`;
      const [todo] = findTodos(textLines(line), syntaxFor('typescript'), { tags: ['TODO'], reference });
      assert.equal(todo?.reference, 'tsk_ab12', `${format} is read back`);
    }
  });

  it('are refused by the setting itself, with the same rule', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { pattern?: string }> } } };
    const pattern = new RegExp(manifest.contributes.configuration.properties['lightfield.todo.referenceFormat'].pattern ?? '');
    for (const format of ['{tag}({id})', '{tag}[{id}]', '{tag} #{id}', '{tag}({id}, lightfield)']) assert.ok(pattern.test(format) && READABLE_FORMAT.test(format), format);
    for (const format of ['[{id}] {tag}', '{id}', '{tag}', '{tag}{tag}({id})']) assert.ok(!pattern.test(format) && !READABLE_FORMAT.test(format), format);
  });
});
