/**
 * API calls follow a redirect only within the base URL: another origin never
 * gets the request, its key or its body, and the user reads why it stopped.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { boolean, object } from 'zod/mini';
import { ApiError } from '../../src/api/errors';
import { ServiceHttp } from '../../src/api/http';
import { closeRules } from '../../src/api/close/http';
import { lightfieldRules } from '../../src/api/lightfield/http';
import { readBody } from '../server/http';
import { rejection } from '../support/lightfield';

interface Seen {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function listen(handle: (seen: Seen, answer: (status: number, headers?: Record<string, string>, body?: string) => void) => void): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const request = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      seen.push(request);
      handle(request, (status, headers = {}, text = '') => res.writeHead(status, headers).end(text));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const KEY = 'sk_lf_redirect_test';
let other: Awaited<ReturnType<typeof listen>>;
let service: Awaited<ReturnType<typeof listen>>;

before(async () => {
  other = await listen((_request, answer) => answer(200, { 'Content-Type': 'application/json' }, '{"ok":true}'));
  service = await listen(({ path }, answer) => {
    const to = (status: number, location: string) => answer(status, { Location: location });
    if (path.startsWith('/api/final')) return answer(200, { 'Content-Type': 'application/json' }, '{"ok":true}');
    if (path.startsWith('/api/relative')) return to(308, 'final');
    if (path.startsWith('/api/absolute')) return to(307, `${service.url}/api/final?from=absolute`);
    if (path.startsWith('/api/away')) return to(307, `${other.url}/api/final`);
    if (path.startsWith('/api/sameHostOtherPort')) return to(308, `${other.url.replace('127.0.0.1', 'localhost')}/api/final`);
    if (path.startsWith('/api/https')) return to(301, `${service.url.replace('http:', 'https:')}/api/final`);
    if (path.startsWith('/api/outside')) return to(302, `${service.url}/elsewhere`);
    if (path.startsWith('/api/prefix')) return to(302, `${service.url}/apiary/final`);
    if (path.startsWith('/api/loop')) return to(302, '/api/loop');
    if (path.startsWith('/api/seeOther')) return to(303, '/api/final');
    if (path.startsWith('/api/nowhere')) return answer(302);
    answer(404);
  });
});

after(async () => {
  await new Promise((done) => other.server.close(done));
  await new Promise((done) => service.server.close(done));
});

const schema = object({ ok: boolean() });

for (const rules of [lightfieldRules, closeRules]) {
  describe(`${rules.name}: redirects`, () => {
    const http = () => new ServiceHttp(rules, { baseUrl: `${service.url}/api`, getKey: () => KEY, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const call = (method: 'GET' | 'PUT' | 'POST', path: string) =>
      http().request({ method, path, category: 'test', schema, body: method === 'GET' ? undefined : { title: 'a task edit' }, idempotencyKey: method === 'POST' ? 'k' : undefined });

    for (const [what, path] of [
      ['a relative one', '/relative'],
      ['an absolute one on the same origin', '/absolute'],
    ]) {
      it(`follows ${what} within the base URL, for a read and (307/308) for a write`, async () => {
        const start = service.seen.length;
        assert.deepEqual(await call('GET', path), { ok: true });
        assert.deepEqual(await call('PUT', path), { ok: true });
        const finals = service.seen.slice(start).filter((request) => request.path.startsWith('/api/final'));
        assert.deepEqual(finals.map((request) => request.method), ['GET', 'PUT']);
        assert.equal(finals[1].body, JSON.stringify({ title: 'a task edit' }), 'the write arrives whole');
      });
    }

    for (const [what, path] of [
      ['another origin', '/away'],
      ['the same host on another port', '/sameHostOtherPort'],
      ['https on the same host (another origin)', '/https'],
      ['a path outside the base URL', '/outside'],
      ['a path that only starts like the base URL', '/prefix'],
    ]) {
      it(`refuses a redirect to ${what}: nothing reaches it, and the error says why`, async () => {
        const seenElsewhere = other.seen.length;
        for (const method of ['GET', 'PUT', 'POST'] as const) {
          const error = await rejection(() => call(method, path));
          assert.ok(error instanceof ApiError && error.kind === 'config', String(error));
          assert.match(error.message, /not followed/);
          assert.ok(!error.message.includes(KEY));
        }
        assert.equal(other.seen.length, seenElsewhere, 'no request, key or body reached the other server');
        assert.equal(service.seen.filter((request) => /^\/(elsewhere|apiary)/.test(request.path)).length, 0, 'nor a path outside the base URL');
      });
    }

    it('refuses a 303 of a write (it would turn into a GET and lose the edit), a loop, and a redirect to nowhere', async () => {
      const seeOther = await rejection(() => call('PUT', '/seeOther'));
      assert.ok(seeOther instanceof ApiError && seeOther.kind === 'config' && /would drop what it sends/.test(seeOther.message), String(seeOther));
      assert.deepEqual(await call('GET', '/seeOther'), { ok: true }, 'a read may follow it');
      const loop = await rejection(() => call('GET', '/loop'));
      assert.ok(loop instanceof ApiError && /more than \d+ times/.test(loop.message), String(loop));
      const nowhere = await rejection(() => call('GET', '/nowhere'));
      assert.ok(nowhere instanceof ApiError && /without saying where/.test(nowhere.message), String(nowhere));
    });
  });
}
