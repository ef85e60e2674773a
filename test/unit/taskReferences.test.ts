/** Task references in text (links in files and commit messages) and the commit message's reference. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusBarText } from '../../src/ui/safeText';
import { commitReferenceFor, referencesIn } from '../../src/work/referenceText';

const known = new Set(['tsk_ab12', 'task_9Xq']);
const isTaskId = (id: string) => known.has(id) || /^tsk_[A-Za-z0-9]+$/.test(id);

describe('task references in text', () => {
  it('finds IDs in prose, Markdown and commit messages, where they start and end', () => {
    const text = 'Refs tsk_ab12.\n\nSee [the task](task_9Xq) and (tsk_zz9), TODO(tsk_x1)';
    assert.deepEqual(
      referencesIn(text, isTaskId).map((found) => [found.id, text.slice(found.start, found.end)]),
      [
        ['tsk_ab12', 'tsk_ab12'],
        ['task_9Xq', 'task_9Xq'],
        ['tsk_zz9', 'tsk_zz9'],
        ['tsk_x1', 'tsk_x1'],
      ],
    );
  });

  it('takes no part of a longer word, a path, a URL or an e-mail address for an ID', () => {
    for (const text of ['xtsk_ab12', 'tsk_ab12x-y', 'src/tsk_ab12/index.ts', 'https://example.com/tsk_ab12', 'me@tsk_ab12', 'tsk_ab12@example.com', '#tsk_ab12', 'a.tsk_ab12']) {
      assert.deepEqual(referencesIn(text, isTaskId).map((found) => found.id), [], text);
    }
  });

  it('makes no link of what the service would not call an ID, such as a commit hash', () => {
    assert.deepEqual(referencesIn('fixed in 5f2c9a0b1d3e4f5a6b7c8d9e0a1b2c3d4e5f6071', isTaskId), []);
  });
});

describe('the commit message reference and the status bar text', () => {
  it('fills the template with the ID and the title on one line', () => {
    assert.equal(commitReferenceFor('Refs {id}', { id: 'tsk_1', title: 'x' }), 'Refs tsk_1');
    assert.equal(commitReferenceFor('[{id}] {title}', { id: 'tsk_1', title: 'Call\nAcme  back' }), '[tsk_1] Call Acme back');
    assert.equal(commitReferenceFor('{id} $&', { id: 'tsk_$&', title: '' }), 'tsk_$& $&', 'no replacement patterns');
  });

  it('shows a task in the status bar on one short line, and renders no icon from its title', () => {
    const text = statusBarText('$(alert) Call\nthe client about the renewal of the enterprise contract');
    assert.ok(text.startsWith('\\$(alert) Call the client'), text);
    assert.ok(text.length <= 34 && text.endsWith('…'), text);
  });
});
