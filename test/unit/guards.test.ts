/**
 * The checks that stand between server or settings text and a surface, each a
 * table of good and hostile inputs: the web link check before `openExternal`,
 * the plain-HTTP rule for the key, and the origin a key is bound to.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { originOf, unsafeBaseUrlReason } from '../../src/api/baseUrl';
import { secretKeyFor } from '../../src/constants';
import { connectionOf } from '../../src/state';
import { webLinkOf } from '../../src/shared/webLink';

describe('webLinkOf: the only check before a server link opens in a browser', () => {
  const opens: [string, string][] = [
    ['https://app.lightfield.app/tasks/tsk_1', 'https://app.lightfield.app/tasks/tsk_1'],
    ['http://127.0.0.1:8080/app/tasks/tsk_1', 'http://127.0.0.1:8080/app/tasks/tsk_1'],
    ['HTTPS://App.Close.com/task/1', 'https://app.close.com/task/1'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
  ];
  for (const [text, link] of opens) {
    it(`opens ${text} as ${link}`, () => assert.equal(webLinkOf(text), link));
  }

  const refused = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'command:workbench.action.terminal.new',
    'command:lightfield.setApiKey?["sk_lf_other"]',
    'vscode://vscode.git/clone?url=https://evil.example',
    'vscode-insiders://settings',
    'mailto:someone@example.com',
    'ftp://example.com/file',
    'blob:https://example.com/uuid',
    'about:blank',
    'ws://example.com',
    '//example.com/no-scheme',
    '/relative/path',
    'example.com',
    '',
    null,
    undefined,
  ];
  for (const text of refused) {
    it(`refuses ${JSON.stringify(text)}`, () => assert.equal(webLinkOf(text), undefined));
  }
});

describe('unsafeBaseUrlReason: the key never crosses a network in clear text', () => {
  const allowed = [
    'https://api.lightfield.app',
    'https://api.close.com/api/v1',
    'https://10.0.0.5:8443',
    'http://localhost:3000',
    'http://LOCALHOST:3000/v1',
    'http://127.0.0.1:8080',
    'http://127.1.2.3',
    'http://127.255.255.254:9',
    'http://[::1]:4000',
    // The URL parser writes these as 127.0.0.1.
    'http://0x7f.1',
    'http://2130706433',
  ];
  for (const url of allowed) {
    it(`allows ${url}`, () => assert.equal(unsafeBaseUrlReason(url), undefined));
  }

  const refused = [
    'http://api.lightfield.app',
    'http://127.attacker.example',
    'http://127.0.0.1.attacker.example',
    'http://127.0.0.1.nip.io',
    'http://localhost.attacker.example',
    'http://localhostattacker.example',
    'http://attackerlocalhost',
    'http://attacker.localhost',
    'http://attacker.example/localhost',
    'http://attacker.example/?host=127.0.0.1',
    'http://attacker.example#127.0.0.1',
    'http://127.0.0.1@attacker.example',
    'http://localhost:80@attacker.example',
    'http://[::1].attacker.example',
    'http://10.0.0.5',
    'http://192.168.1.1',
    'http://0.0.0.0',
    'http://[::2]',
    'ftp://localhost',
    'file:///etc/passwd',
    'ws://localhost',
    'javascript:alert(1)',
    'not a url',
    '',
  ];
  for (const url of refused) {
    it(`refuses ${JSON.stringify(url)}`, () => assert.equal(typeof unsafeBaseUrlReason(url), 'string'));
  }
});

describe('secretKeyFor: a key is bound to the origin it was entered for', () => {
  const same: [string, string][] = [
    ['https://api.lightfield.app', 'https://api.lightfield.app/'],
    ['https://api.lightfield.app/v1', 'https://api.lightfield.app/other'],
    ['https://API.Lightfield.app', 'https://api.lightfield.app'],
    ['https://api.lightfield.app:443', 'https://api.lightfield.app'],
    ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/b?x=1'],
  ];
  for (const [a, b] of same) {
    it(`${a} and ${b} share one key`, () => {
      assert.ok(secretKeyFor('lightfield', a));
      assert.equal(secretKeyFor('lightfield', a), secretKeyFor('lightfield', b));
    });
  }

  const different: [string, string][] = [
    ['https://api.lightfield.app', 'https://api.lightfield.app:8443'],
    ['https://api.lightfield.app', 'http://api.lightfield.app'],
    ['https://api.lightfield.app', 'https://api.lightfield.app.attacker.example'],
    ['https://api.lightfield.app', 'https://attacker.example/api.lightfield.app'],
    ['https://api.lightfield.app', 'https://eu.api.lightfield.app'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8081'],
    ['http://127.0.0.1:8080', 'http://localhost:8080'],
  ];
  for (const [a, b] of different) {
    it(`${a} and ${b} each need their own key`, () => {
      for (const service of ['lightfield', 'close'] as const) {
        assert.ok(secretKeyFor(service, a) && secretKeyFor(service, b));
        assert.notEqual(secretKeyFor(service, a), secretKeyFor(service, b));
      }
    });
  }

  it('keeps each service\'s key apart at the same origin', () => {
    assert.notEqual(secretKeyFor('lightfield', 'https://api.example.com'), secretKeyFor('close', 'https://api.example.com'));
  });

  it('finds the keys and state that earlier versions stored, and keeps each service\'s state apart', () => {
    assert.equal(secretKeyFor('lightfield', 'https://api.lightfield.app/v1'), 'lightfield.apiKey@https://api.lightfield.app');
    assert.equal(secretKeyFor('close', 'https://api.close.com/api/v1'), 'close.apiKey@https://api.close.com');
    assert.equal(connectionOf('lightfield', 'https://api.lightfield.app'), 'https://api.lightfield.app');
    assert.notEqual(connectionOf('close', 'https://api.example.com'), connectionOf('lightfield', 'https://api.example.com'));
  });

  it('binds no key to a URL that does not parse', () => {
    for (const url of ['', 'not a url', '//api.lightfield.app']) assert.equal(secretKeyFor('lightfield', url), undefined);
  });

  it('originOf is scheme, host and port, and nothing of the path', () => {
    assert.equal(originOf('https://a.example:8443/x/y?z#w'), 'https://a.example:8443');
    assert.equal(originOf('https://a.example:443/x'), 'https://a.example');
    assert.equal(originOf('http://user:pass@127.0.0.1:9/x'), 'http://127.0.0.1:9');
    assert.equal(originOf('nonsense'), undefined);
  });
});
