import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { syntaxFor } from '../../src/todo/commentSyntax';
import { findTodos, textLines } from '../../src/todo/detect';

const TAGS = ['TODO', 'FIXME', 'HACK', 'XXX'];
/** Pieces of code that open, close and hold comments and strings, tags among them. */
const PIECES = ['// ', '/* ', ' */', '`', '${', '}', '{', '"', "'", '#', '"""', 'r#"', '"#', '<<EOF', '<<', 'EOF', 'TODO', 'FIXME: x', 'TODO(tsk_1)', 'XXX', 'a = 1;', ' ', '\n', '\n', '\r\n', '\\'];

describe('TODO detection with the whole text at hand', () => {
  it('cuts the text into the lines a TextDocument holds, and finds what reading them one by one finds, in every language family', () => {
    const languages = ['typescript', 'python', 'rust', 'shellscript', 'java', 'ruby', 'csharp', 'html'];
    fc.assert(
      fc.property(fc.constantFrom(...languages), fc.array(fc.constantFrom(...PIECES), { maxLength: 80, size: 'max' }), (language, pieces) => {
        const source = pieces.join('');
        const withText = textLines(source);
        // As a TextDocument gives them: the lines alone, their line breaks (\n or \r\n) left out.
        const texts = source.split(/\r?\n/);
        const linesOnly = { lineCount: texts.length, lineAt: (line: number) => ({ text: texts[line] }) };
        assert.deepEqual(Array.from({ length: withText.lineCount }, (_, line) => withText.lineAt(line).text), texts);
        const syntax = syntaxFor(language);
        assert.deepEqual(findTodos(withText, syntax, { tags: TAGS }), findTodos(linesOnly, syntax, { tags: TAGS }));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('reads a line that opens a comment at its first column, after a line holding the same opener, as opening it', () => {
    // The whole-text search marks a line once per opener and goes on from the next line's start: its first column counts.
    const source = ['const a = 1; /* one */', '/* two', '   TODO: inside the block */'].join('\n');
    const [todo] = findTodos(textLines(source), syntaxFor('typescript'), { tags: TAGS });
    assert.equal(todo?.line, 2);
    assert.equal(todo.text, 'inside the block');
  });
});
