import { after, before } from 'node:test';
import { LightfieldProvider } from '../../src/api/lightfield/client';
import type { ProviderOptions } from '../../src/api/provider';
import { DEFAULT_KEY, type LightfieldServer, type LightfieldServerOptions, startLightfieldServer } from '../server/server';

/** Starts a fresh local server for the enclosing suite and stops it afterwards. */
export function useServer(options: LightfieldServerOptions = {}): () => LightfieldServer {
  let server: LightfieldServer | undefined;
  before(async () => {
    server = await startLightfieldServer(options);
  });
  after(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

/** A client for `server`, with quick retries so failure tests stay fast. */
export function clientFor(server: LightfieldServer, options: Partial<ProviderOptions> = {}): LightfieldProvider {
  return new LightfieldProvider({
    baseUrl: server.url,
    getKey: () => DEFAULT_KEY,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
}

/** Raw HTTP to the server with the headers the contract asks for, overridable. */
export function rawRequest(server: LightfieldServer, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${DEFAULT_KEY}`,
      'Lightfield-Version': '2026-03-01',
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body,
  });
}

/** Runs `fn` and returns what it threw, failing when it did not throw. */
export async function rejection(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
