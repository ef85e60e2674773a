import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lineLink, webBaseOfRemote } from '../../src/todo/gitLink';
import { DEFAULT_REFERENCE_FORMAT, formatReference, parseReference } from '../../src/todo/reference';

describe('task references in TODO comments', () => {
  it('round-trips through every format', () => {
    for (const format of [DEFAULT_REFERENCE_FORMAT, '{tag}[{id}]', '{tag} #{id}', '{tag}({id}, lightfield)']) {
      const text = formatReference(format, 'FIXME', 'tsk_ab12');
      assert.deepEqual(parseReference(format, text), { tag: 'FIXME', id: 'tsk_ab12' }, format);
    }
    assert.equal(formatReference(DEFAULT_REFERENCE_FORMAT, 'TODO', 'tsk_1'), 'TODO(tsk_1)');
  });

  it('falls back to the default when a format lacks {tag} or {id}, and rejects non-IDs', () => {
    assert.equal(formatReference('{id}', 'TODO', 'tsk_1'), 'TODO(tsk_1)');
    assert.equal(parseReference(DEFAULT_REFERENCE_FORMAT, 'TODO(alice)'), undefined);
    assert.equal(parseReference(DEFAULT_REFERENCE_FORMAT, 'TODO'), undefined);
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
