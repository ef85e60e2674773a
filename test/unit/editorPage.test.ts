import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editorPage } from '../../src/editor/editorPage';

describe('the task editor page', () => {
  const page = (scriptText: string, styleText: string, state?: string) =>
    editorPage({ cspSource: 'https://webview.test', nonce: 'n0nce', scriptText, styleText, markdownScript: 'https://webview.test/md.js', codicons: 'https://webview.test/c.css', language: 'en', state });

  it('inlines the bundle and the stylesheet under the nonce, and allows nothing inline without it', () => {
    const html = page('console.log(1)', 'body{}');
    assert.match(html, /<script nonce="n0nce"[^>]*>console\.log\(1\)<\/script>/);
    assert.match(html, /<style nonce="n0nce">body\{\}<\/style>/);
    const csp = /content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    // Everything not named is refused: frames, connections, objects, forms.
    assert.match(csp, /^default-src 'none'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('lets no inlined text close its element early, and no state leave its attribute', () => {
    const html = page('"</SCRIPT><img src=x>"', 'a{}</style><img src=y>', '{"title":"\\"></script><img src=z>"}');
    // The parser ends a script or style element at the first `</script` or `</style`, whatever the case.
    const script = html.indexOf('<script nonce');
    assert.equal(html.toLowerCase().indexOf('</script', script), html.lastIndexOf('</script>'), 'the script ends where the page ends it');
    assert.equal(html.toLowerCase().split('</style').length, 2, 'the style ends once');
    assert.doesNotMatch(html, /<img src=z/, 'the state stays inside its attribute');
  });

  it('quotes every attribute it fills: no value ends its attribute early', () => {
    const html = editorPage({ cspSource: 'https://webview.test" onload="alert(1)', nonce: 'n"0', scriptText: '', styleText: '', markdownScript: 'https://webview.test/md.js"x', codicons: 'https://webview.test/c.css', language: 'en" onload="alert(2)' });
    assert.doesNotMatch(html, /" onload="/);
    assert.doesNotMatch(html, /nonce="n"0"/);
  });
});
