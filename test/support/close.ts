import { after, before } from 'node:test';
import { CloseProvider } from '../../src/api/close/client';
import type { ProviderOptions } from '../../src/api/provider';
import { type CloseServer, type CloseServerOptions, DEFAULT_CLOSE_KEY, startCloseServer } from '../server/close/closeServer';

/** Starts a fresh local Close server for the enclosing suite and stops it afterwards. */
export function useCloseServer(options: CloseServerOptions = {}): () => CloseServer {
  let server: CloseServer | undefined;
  before(async () => {
    server = await startCloseServer(options);
  });
  after(() => server?.close());
  return () => {
    if (!server) throw new Error('server not started');
    return server;
  };
}

/** The Close adapter for `server`, with quick retries so failure tests stay fast. */
export function closeClientFor(server: CloseServer, options: Partial<ProviderOptions> = {}): CloseProvider {
  return new CloseProvider({ baseUrl: `${server.url}/api/v1`, getKey: () => DEFAULT_CLOSE_KEY, retry: { baseDelayMs: 5, maxDelayMs: 50 }, ...options });
}
