/**
 * The task definitions, read once per adapter and kept as a vocabulary.
 * Remembered ones from an earlier start serve at once (the first lists need not
 * wait a round trip for them) while the service's current ones are read in the
 * background and replace them; a call the service refused under remembered
 * definitions is made again with its current ones.
 */
import { ApiError } from '../errors';
import type { ServiceHttp } from '../http';
import type { CallOptions, ProviderOptions } from '../provider';
import { taskDefinitionsSchema } from './schemas';
import { Vocabulary } from './vocabulary';

export class Definitions {
  private read: Promise<Vocabulary> | undefined;
  /** The vocabulary in use came from memory and the service has not confirmed it yet. */
  private remembered = false;
  /** The latest read of the service's own definitions. */
  private freshRead: Promise<Vocabulary> | undefined;
  /** Whether some definitions (remembered or read) are at hand, not only on their way. */
  known = false;

  constructor(
    private readonly http: ServiceHttp,
    private readonly log: ((line: string) => void) | undefined,
    private readonly memory: ProviderOptions['memory'],
  ) {}

  vocabulary(options: CallOptions): Promise<Vocabulary> {
    if (this.read) return this.read;
    const remembered = taskDefinitionsSchema.safeParse(this.memory?.read());
    const fresh = this.readFromService(options);
    if (!remembered.success) return fresh;
    this.remembered = true;
    this.known = true;
    this.read = Promise.resolve(new Vocabulary(remembered.data, this.log));
    fresh.catch(() => undefined);
    return this.read;
  }

  /** The service's definitions as they are now, not as remembered (the form shows those); the remembered ones if that read fails. */
  async current(options: CallOptions): Promise<Vocabulary> {
    await this.vocabulary(options);
    return (this.freshRead ?? this.vocabulary(options)).catch(() => this.vocabulary(options));
  }

  /** A call made with remembered definitions that the service refused is made again with its current ones. */
  async use<T>(options: CallOptions, call: (words: Vocabulary) => Promise<T>): Promise<T> {
    const words = await this.vocabulary(options);
    const fromMemory = this.remembered;
    try {
      return await call(words);
    } catch (error) {
      if (!fromMemory || !(error instanceof ApiError) || error.status !== 400) throw error;
      return call(await this.readFromService(options));
    }
  }

  private readFromService(options: CallOptions): Promise<Vocabulary> {
    const read = this.http.request({ method: 'GET', path: '/v1/tasks/definitions', category: 'read', schema: taskDefinitionsSchema, ...options }).then((definitions) => {
      this.memory?.write(definitions);
      this.remembered = false;
      this.known = true;
      return new Vocabulary(definitions, this.log);
    });
    this.read = read;
    this.freshRead = read;
    read.catch(() => {
      if (this.read === read) this.read = undefined;
    });
    return read;
  }
}
