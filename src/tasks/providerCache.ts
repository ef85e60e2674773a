import { NOT_SIGNED_IN } from '../api/errors';
import type { TaskProvider } from '../api/provider';

/** One read per provider, kept (members, definitions); a failed read is retried on the next call. */
export class ProviderCache<T> {
  private cache: { provider: TaskProvider; value: Promise<T> } | undefined;

  constructor(
    private readonly provider: () => TaskProvider | undefined,
    private readonly read: (provider: TaskProvider) => Promise<T>,
  ) {}

  get(): Promise<T> {
    const provider = this.provider();
    if (!provider) return Promise.reject(new Error(NOT_SIGNED_IN));
    if (this.cache?.provider !== provider) {
      const value = this.read(provider);
      value.catch(() => (this.cache = undefined));
      this.cache = { provider, value };
    }
    return this.cache.value;
  }
}
