import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from '../../src/api/rateLimiter';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/api/retry';
import { startLightfieldServer } from '../server/server';
import { clientFor, useServer } from '../support/lightfield';

describe('rate limits', () => {
  const server = useServer({ tasks: 30 });

  async function burst(limiter: RateLimiter): Promise<number> {
    const start = server().requests.length;
    const ids = server().index.listed().map((task) => task.id);
    const client = clientFor(server(), { limiter, retry: { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 1000 } });
    await Promise.all([...ids, ...ids].map((id) => client.getTask(id)));
    return server().requests.slice(start).filter((request) => request.status === 429).length;
  }

  it('a burst of 60 reads meets the server limit without the client limiter (baseline)', async () => {
    const tooMany = await burst(new RateLimiter(10_000));
    assert.ok(tooMany > 0, 'the server must refuse part of an unpaced burst');
  });

  it('the same burst through the client limiter never meets a 429', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal(await burst(new RateLimiter()), 0);
  });

  it('keeps to the limit the service states in X-RateLimit-Limit, not the documented 25', async () => {
    const slow = await startLightfieldServer({ tasks: 150, rateLimitPerSecond: 3 });
    try {
      await clientFor(slow).listAllTasks();
      const refused = slow.requests.filter((request) => request.status === 429).length;
      const lists = slow.requests.filter((request) => request.path.startsWith('/v1/tasks?')).length;
      assert.ok(lists >= 6, `${lists} pages listed`);
      // The first answer tells the limit; the pages after it are paced to it.
      assert.ok(refused <= 1, `${refused} requests refused with a 429 at 3 a second`);
    } finally {
      await slow.close();
    }
  });

  it('sends every answer with the X-RateLimit headers, a 401 and a 404 included', async () => {
    for (const [key, path] of [['sk_lf_local', '/v1/tasks'], ['sk_lf_wrong', '/v1/tasks'], ['sk_lf_local', '/v1/nowhere']]) {
      const sent = Date.now();
      const response = await fetch(`${server().url}${path}`, { headers: { Authorization: `Bearer ${key}`, 'Lightfield-Version': '2026-03-01' } });
      assert.equal(response.headers.get('X-RateLimit-Limit'), '25', `${key} ${path}`);
      assert.match(response.headers.get('X-RateLimit-Remaining') ?? '', /^\d+$/);
      assert.ok(Number(response.headers.get('X-RateLimit-Reset')) * 1000 > sent);
    }
  });
});

describe('RateLimiter with a manual clock', () => {
  function clock() {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  /** Whether `acquire` is granted before the clock moves. */
  async function grantedNow(limiter: RateLimiter, category = 'read'): Promise<{ granted: () => boolean; pending: Promise<void> }> {
    let granted = false;
    const pending = limiter.acquire(category).then(() => void (granted = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { granted: () => granted, pending };
  }

  it('grants a full window at once, then holds the next request until the window slides (a little wider, not knowing the service\'s windows)', async () => {
    const time = clock();
    const limiter = new RateLimiter(3, 1000, time.now);
    for (let i = 0; i < 3; i++) await limiter.acquire('read');
    const next = await grantedNow(limiter);
    assert.equal(next.granted(), false);
    time.advance(1000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(next.granted(), false, 'arrivals jitter: the sliding window is wider than the service\'s');
    time.advance(100);
    await next.pending;
  });

  it('once the service says where its windows end, spends a full budget in each, no wider', async () => {
    const time = clock();
    const limiter = new RateLimiter(3, 1000, time.now);
    limiter.observe('read', 3, time.now() + 400);
    for (let i = 0; i < 3; i++) await limiter.acquire('read');
    const next = await grantedNow(limiter);
    assert.equal(next.granted(), false);
    time.advance(400);
    await next.pending;
    // The next window: two more at once (three in all), then wait for its end.
    for (let i = 0; i < 2; i++) await limiter.acquire('read');
    const fourth = await grantedNow(limiter);
    assert.equal(fourth.granted(), false);
    time.advance(1000);
    await fourth.pending;
  });

  it('keeps to a limit the service states that is lower than its own budget', async () => {
    const time = clock();
    const limiter = new RateLimiter(25, 1000, time.now);
    limiter.observe('read', 4, time.now() + 400, 5);
    time.advance(400);
    for (let i = 0; i < 5; i++) await limiter.acquire('read');
    const sixth = await grantedNow(limiter);
    assert.equal(sixth.granted(), false, 'five a window, as the service said');
    time.advance(1000);
    await sixth.pending;
  });

  it('keeps categories apart', async () => {
    const time = clock();
    const limiter = new RateLimiter(1, 1000, time.now);
    await limiter.acquire('read');
    await limiter.acquire('write');
    await limiter.acquire('search');
  });

  it('obeys the service when it reports nothing remaining until the reset', async () => {
    const time = clock();
    const limiter = new RateLimiter(25, 1000, time.now);
    limiter.observe('search', 0, time.now() + 500);
    let granted = false;
    const pending = limiter.acquire('search').then(() => (granted = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(granted, false);
    time.advance(500);
    await pending;
    assert.equal(granted, true);
  });

  it('cancels a wait when the signal aborts', async () => {
    const time = clock();
    const limiter = new RateLimiter(1, 1000, time.now);
    await limiter.acquire('read');
    const controller = new AbortController();
    const pending = limiter.acquire('read', controller.signal);
    controller.abort();
    await assert.rejects(pending);
  });
});

describe('retry backoff', () => {
  it('grows exponentially with full jitter and a ceiling', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(retryDelayMs(0, policy, undefined, () => 1), 100);
    assert.equal(retryDelayMs(2, policy, undefined, () => 1), 400);
    assert.equal(retryDelayMs(9, policy, undefined, () => 1), 1000);
    assert.equal(retryDelayMs(3, policy, undefined, () => 0.5), 400);
    assert.equal(retryDelayMs(3, policy, undefined, () => 0), 0);
  });

  it('never waits less than Retry-After', () => {
    assert.equal(retryDelayMs(0, DEFAULT_RETRY_POLICY, 2, () => 0), 2000);
  });
});
