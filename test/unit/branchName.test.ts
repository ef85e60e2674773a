/** Branch names for tasks: readable slugs, in any script, that Git always takes. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { branchName, DEFAULT_BRANCH_TEMPLATE, slug } from '../../src/work/branchName';

/** What `git check-ref-format --branch` refuses, as its manual lists it. */
function gitRefuses(name: string): string | undefined {
  if (!name || name === '@') return 'empty or @';
  // eslint-disable-next-line no-control-regex -- the characters Git refuses
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(name)) return 'a forbidden character';
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return '.., @{ or //';
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.startsWith('-')) return 'a bad start or end';
  for (const part of name.split('/')) if (part.startsWith('.') || part.endsWith('.lock')) return `the part ${part}`;
  return undefined;
}

describe('branch names for tasks', () => {
  it('slug the title after the ID by default', () => {
    assert.equal(branchName(DEFAULT_BRANCH_TEMPLATE, { id: 'tsk_ab12', title: 'Fix the login page!' }), 'tsk_ab12-fix-the-login-page');
    assert.equal(branchName('task/{id}', { id: 'task_9Xq', title: 'anything' }), 'task/task_9Xq');
  });

  it('keep the words of any script and drop accents', () => {
    assert.equal(slug('Café déjà vu'), 'cafe-deja-vu');
    assert.equal(slug('Приветствие клиента'), 'приветствие-клиента');
    assert.equal(slug('顧客に電話する'), '顧客に電話する');
    assert.equal(slug('🚀 Ship it 🚀'), 'ship-it');
  });

  it('cut a long title at a word, and never inside a character', () => {
    const long = slug('Follow up with the procurement team about the renewal of the enterprise contract');
    assert.ok(long.length <= 48 && !long.endsWith('-'), long);
    assert.equal(long, 'follow-up-with-the-procurement-team-about-the');
    const emoji = slug('𝒜'.repeat(60));
    assert.equal(Array.from(emoji).length, 48);
    assert.ok(!/[\uD800-\uDBFF]$/.test(emoji), 'no half of a surrogate pair');
  });

  it('are names Git takes, whatever the title, the ID or the template', () => {
    for (const [template, title] of [
      ['{id}-{title}', '..hidden ~branch^ with: spaces? *[x]\\ @{u}'],
      ['feature//{title}.lock', 'x'],
      ['.{title}/', '.dots.'],
      ['{title}', ''],
      ['@', ''],
    ]) {
      const name = branchName(template, { id: 'tsk_1', title });
      assert.equal(gitRefuses(name), undefined, `${JSON.stringify(template)} with ${JSON.stringify(title)} gave ${JSON.stringify(name)}`);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ maxLength: 30 }), (title, id, template) => {
        const name = branchName(template, { id, title });
        assert.equal(gitRefuses(name), undefined, JSON.stringify(name));
      }),
      { numRuns: 2000 },
    );
  });

  it('are taken by git itself (git check-ref-format --branch)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.constantFrom('{id}-{title}', 'task/{id}/{title}', '{title}', '..{id}..'), (title, template) => {
        const name = branchName(template, { id: 'tsk_1', title });
        assert.equal(execFileSync('git', ['check-ref-format', '--branch', name], { encoding: 'utf8' }).trim(), name);
      }),
      { numRuns: 200 },
    );
  });
});
