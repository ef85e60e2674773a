import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syntaxFor } from '../../src/todo/commentSyntax';
import { findTodos, removalRange, type TodoComment, textLines } from '../../src/todo/detect';

const TAGS = ['TODO', 'FIXME', 'HACK', 'XXX'];

function todos(language: string, source: string, range?: { start: number; end: number }): TodoComment[] {
  return findTodos(textLines(source), syntaxFor(language), { tags: TAGS, range });
}

function summary(language: string, source: string): string[] {
  return todos(language, source).map((t) => `${t.line}:${t.tag}${t.reference ? `(${t.reference})` : ''}: ${t.text}`);
}

describe('TODO detection across languages', () => {
  it('finds tags in the comment syntax of each language', () => {
    assert.deepEqual(summary('typescript', 'const a = 1; // TODO: tidy this\n/* FIXME broken */'), ['0:TODO: tidy this', '1:FIXME: broken']);
    assert.deepEqual(summary('python', 'x = 1  # HACK: speed up\n"""\nTODO: document\n"""'), ['0:HACK: speed up', '2:TODO: document']);
    assert.deepEqual(summary('sql', 'SELECT 1; -- XXX: slow'), ['0:XXX: slow']);
    assert.deepEqual(summary('clojure', '(def x 1) ; TODO rename'), ['0:TODO: rename']);
    assert.deepEqual(summary('latex', '\\section{A} % TODO: cite'), ['0:TODO: cite']);
    assert.deepEqual(summary('html', '<p>hi</p> <!-- TODO: translate -->'), ['0:TODO: translate']);
    assert.deepEqual(summary('lua', '--[[ FIXME: leak ]] local x = 1'), ['0:FIXME: leak']);
    assert.deepEqual(summary('shellscript', 'echo hi # TODO: quote'), ['0:TODO: quote']);
  });

  it('finds the tags of the list it is given, a list changed in the settings at once', () => {
    const source = '// TODO: first\nrun();\n// NOTE: second';
    const found = (tags: string[]) => findTodos(textLines(source), syntaxFor('typescript'), { tags }).map((todo) => `${todo.tag}: ${todo.text}`);
    assert.deepEqual(found(['TODO']), ['TODO: first']);
    assert.deepEqual(found(['NOTE']), ['NOTE: second']);
    assert.deepEqual(found(['TODO']), ['TODO: first']);
  });

  it('matches whole words only, in upper case', () => {
    assert.deepEqual(summary('typescript', '// TODONOW later\n// todos are fine\n// MYTODO no\n// TODO_X no\n// TODO yes'), ['4:TODO: yes']);
  });

  it('ignores tags inside string literals, and # inside URLs', () => {
    assert.deepEqual(summary('typescript', 'const s = "TODO: not me"; const t = \'// TODO no\';\nconst u = `\nTODO: in a template\n`; // TODO: me'), ['3:TODO: me']);
    assert.deepEqual(summary('python', 'url = "http://x/#TODO"\nprint("# FIXME no")'), []);
    assert.deepEqual(summary('yaml', 'link: http://example.com/#TODO\nkey: 1 # TODO: real'), ['1:TODO: real']);
    assert.deepEqual(summary('typescript', "const s = 'it\\'s // TODO not a comment';"), []);
  });

  it('reads code inside template expressions, nested templates and braces included, so comments after them are found', () => {
    // As in gitlens' fileAnnotationController.ts: a template whose `${…}` holds another template.
    const nested = ['const label = `${count} ${count === 1 ? `file` : `files`}`;', '// TODO@eamodio: cache this', 'const b = `a ${ {x: `}`}.x } b`; // FIXME: after braces'].join('\n');
    assert.deepEqual(summary('typescript', nested), ['1:TODO: @eamodio: cache this', '2:FIXME: after braces']);
    // A template's text still hides tags, across lines and after an expression.
    assert.deepEqual(summary('typescript', 'const s = `${a}\n// TODO: in the text\n${b}`;\n// HACK: real'), ['3:HACK: real']);
    // A comment inside a template expression is a comment.
    assert.deepEqual(summary('javascript', 'const s = `${\n  value // TODO: inside the expression\n}`;'), ['1:TODO: inside the expression']);
  });

  it('stops joining at a commented-out line of code', () => {
    const source = ['// TODO@x needs work', '// case Foo: return bar();', '// TODO: read the docs', '// again and again'].join('\n');
    assert.deepEqual(summary('typescript', source), ['0:TODO: @x needs work', '2:TODO: read the docs again and again']);
  });

  it('joins continuation lines of the same comment, and stops at a new tag or code', () => {
    const source = ['  // TODO: handle the case', '  // where the list is empty', '  // FIXME: second', 'code();', '/*', ' * HACK: first line', ' * and the second', ' */'].join('\n');
    const found = todos('typescript', source);
    assert.deepEqual(
      found.map((t) => [t.line, t.endLine, t.text]),
      [
        [0, 1, 'handle the case where the list is empty'],
        [2, 2, 'second'],
        [5, 6, 'first line and the second'],
      ],
    );
  });

  it('recognises a task reference, but not a person', () => {
    const [tracked, person] = todos('typescript', '// TODO(tsk_ab12): linked\n// TODO(alice): hers');
    assert.equal(tracked.reference, 'tsk_ab12');
    assert.equal(tracked.text, 'linked');
    assert.equal(person.reference, undefined);
    assert.equal(person.text, '(alice): hers');
    assert.equal(person.tagEnd - person.tagStart, 'TODO'.length);
  });

  it('handles CRLF, tabs and Unicode', () => {
    assert.deepEqual(summary('python', 'a = 1\r\n\t# TODO: café ☕ naïve\r\nb = 2'), ['1:TODO: café ☕ naïve']);
    assert.deepEqual(summary('typescript', '// ÉTODO no\n// TODO: 日本語のテキスト'), ['1:TODO: 日本語のテキスト']);
    const [todo] = todos('typescript', '\t\t// TODO: x');
    assert.deepEqual([todo.tagStart, todo.tagEnd], [5, 9]);
  });

  it('looks only at the asked lines, reading block comments that opened earlier', () => {
    const source = ['/*', ' * a long comment', ' * TODO: inside', ' */', 'const x = 1; // TODO: code line', 'const y = 2;'].join('\n');
    assert.deepEqual(todos('typescript', source, { start: 2, end: 2 }).map((t) => t.line), [2]);
    assert.deepEqual(todos('typescript', source, { start: 4, end: 5 }).map((t) => t.line), [4]);
    assert.deepEqual(todos('typescript', source, { start: 5, end: 5 }), []);
  });

  it('removes a whole-line comment with its continuations, or only a trailing one', () => {
    const apply = (language: string, source: string) => {
      const lines = source.split('\n');
      const [todo] = todos(language, source);
      const r = removalRange(textLines(source), todo);
      const offset = (line: number, column: number) => lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + column;
      return source.slice(0, offset(r.startLine, r.startColumn)) + source.slice(offset(r.endLine, r.endColumn));
    };
    assert.equal(apply('typescript', 'a();\n  // TODO(tsk_1): one\n  // two\nb();'), 'a();\nb();');
    assert.equal(apply('typescript', 'a(); // TODO(tsk_1): trailing\nb();'), 'a();\nb();');
    assert.equal(apply('typescript', 'a(); /* TODO(tsk_1): x */ b();'), 'a(); b();');
    assert.equal(apply('python', 'x = 1\n# FIXME(tsk_2): last'), 'x = 1\n');
    assert.equal(apply('typescript', '/**\n * Docs.\n * TODO(tsk_3): here\n */'), '/**\n * Docs.\n */');
  });

  it('scans a 10,000-line file in a few milliseconds', () => {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      lines.push(i % 50 === 0 ? `  // TODO: item ${i}` : i % 97 === 0 ? '  /* block */ const s = "# not a TODO";' : `  const value${i} = compute(${i}, "text");`);
    }
    const syntax = syntaxFor('typescript');
    const document = textLines(lines.join('\n'));
    findTodos(document, syntax, { tags: TAGS });
    const runs = 20;
    const started = performance.now();
    let count = 0;
    for (let run = 0; run < runs; run++) count = findTodos(document, syntax, { tags: TAGS }).length;
    const perScan = (performance.now() - started) / runs;
    assert.equal(count, 200);
    console.log(`detection: ${perScan.toFixed(2)} ms per scan of a 10,000-line file`);
  });
});
