/**
 * The detector's misses, measured against other projects' suites and real
 * repositories: lifetimes read as quotes, strings that span lines read as code
 * (Rust raw strings, TOML's and Java's triple quotes, heredocs), nested block
 * comments ended early, and files of types the workspace scan skipped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageForPath, syntaxFor } from '../../src/todo/commentSyntax';
import { findTodos, textLines } from '../../src/todo/detect';

function found(language: string, lines: string[]): string[] {
  return findTodos(textLines(lines.join('\n')), syntaxFor(language), { tags: ['TODO', 'FIXME'] }).map((todo) => `${todo.line}: ${todo.text}`);
}

describe('TODOs among strings that span lines, and the quotes that are not strings', () => {
  it('reads a Rust lifetime as code, not as a quote, and a char literal as one', () => {
    assert.deepEqual(found('rust', ["const NAME: &'static str = \"x\"; // TODO: borrow less", "fn f<'a>(s: &'a str, t: &'a str) {} // FIXME: three lifetimes"]), ['0: borrow less', '1: three lifetimes']);
    assert.deepEqual(found('rust', ["let c = '\"'; // TODO: after a quote char", "let d = '\\u{1F600}'; // FIXME: after an escape"]), ['0: after a quote char', '1: after an escape']);
  });

  it('keeps Rust raw and multi-line strings out of the comments', () => {
    assert.deepEqual(found('rust', ['let s = r#"// TODO: not a comment "quoted" here"#; // TODO: real']), ['0: real']);
    assert.deepEqual(found('rust', ['let s = r##"', '// TODO: inside a raw string', '"# still inside', '"##;', '// FIXME: after it']), ['4: after it']);
    assert.deepEqual(found('rust', ['let s = "first line', '// TODO: inside a plain string', '";', '// TODO: after it']), ['3: after it']);
  });

  it('ends a Rust block comment at its own closer, nested ones inside it', () => {
    assert.deepEqual(found('rust', ['/* outer /* inner */', '   TODO: still in the outer comment */', 'let x = 1; // FIXME: code again']), ['1: still in the outer comment', '2: code again']);
    assert.deepEqual(found('rust', ['/* a /* b */ c */ let s = "// TODO: in a string";']), []);
  });

  it('keeps TOML\'s and Java\'s triple-quoted strings out of the comments', () => {
    assert.deepEqual(found('toml', ['text = """', '# TODO: inside the string', '"""', '# TODO: real']), ['3: real']);
    assert.deepEqual(found('toml', ["lit = '''", '# FIXME: inside', "'''"]), []);
    assert.deepEqual(found('java', ['String s = """', '    // TODO: inside a text block', '    """;', '// TODO: real']), ['3: real']);
  });

  it('keeps a shell heredoc\'s lines out of the comments, and reads on after its end', () => {
    assert.deepEqual(found('shellscript', ['cat <<EOF > out.sh', '# TODO: inside the heredoc', 'EOF', '# TODO: real']), ['3: real']);
    assert.deepEqual(found('shellscript', ["cat <<-'END'", '\t# FIXME: quoted heredoc', '\tEND', 'echo done # TODO: after']), ['3: after']);
    assert.deepEqual(found('ruby', ['sql = <<~SQL', '  -- # TODO: inside', 'SQL', 'list << item # TODO: an append, not a heredoc']), ['3: an append, not a heredoc']);
    // A shift whose operand is on the next line opens no heredoc: the word after the line break is not its end.
    assert.deepEqual(found('shellscript', ['echo $(( x <<', 'y )) # TODO: shifted']), ['1: shifted']);
  });
});

describe('files the workspace scan reads', () => {
  it('scans type stubs, reStructuredText, project JSON with comments, *.test inputs, and both languages of .m', () => {
    for (const [path, language] of [
      ['lib/types.pyi', 'python'],
      ['docs/index.rst', 'restructuredtext'],
      ['tsconfig.json', 'jsonc'],
      ['packages/a/tsconfig.build.json', 'jsonc'],
      ['.vscode/settings.json', 'jsonc'],
    ]) assert.equal(languageForPath(path), language, path);
    assert.equal(languageForPath('package.json'), undefined, 'plain JSON has no comments');
    assert.ok(languageForPath('test/select1.test'), '*.test inputs are scanned');
    const m = languageForPath('src/AppDelegate.m') ?? '';
    assert.deepEqual(found(m, ['[self run]; // TODO: Objective-C', "x = a'; % FIXME: MATLAB after a transpose"]), ['0: Objective-C', '1: MATLAB after a transpose']);
    assert.deepEqual(found(languageForPath('docs/index.rst') ?? '', ['.. TODO: write this section']), ['0: write this section']);
  });
});
