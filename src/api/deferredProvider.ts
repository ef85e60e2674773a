/**
 * A service's adapter as the extension holds it from the start: what the service can
 * do is known at once, and the adapter's own code (its schemas, translation and HTTP
 * rules) loads with the first call, so only the chosen service's is ever loaded.
 */
import type { Capabilities } from './domain';
import { onFirstUse } from '../lazy';
import type { CallOptions, ProviderOptions, TaskProvider, WriteOptions } from './provider';

export type AdapterClass = new (options: ProviderOptions) => TaskProvider;

export class DeferredProvider implements TaskProvider {
  private readonly adapter: () => Promise<TaskProvider>;

  constructor(
    readonly capabilities: Capabilities,
    options: ProviderOptions,
    load: () => Promise<AdapterClass>,
  ) {
    this.adapter = onFirstUse(async () => new (await load())(options));
  }

  async checkKey(options?: CallOptions) {
    return (await this.adapter()).checkKey(options);
  }
  async describeTasks(options?: CallOptions) {
    return (await this.adapter()).describeTasks(options);
  }
  async listTasks(...args: Parameters<TaskProvider['listTasks']>) {
    return (await this.adapter()).listTasks(...args);
  }
  async listAllTasks(...args: Parameters<TaskProvider['listAllTasks']>) {
    return (await this.adapter()).listAllTasks(...args);
  }
  async getTask(id: string, options?: CallOptions) {
    return (await this.adapter()).getTask(id, options);
  }
  async createTask(...args: Parameters<TaskProvider['createTask']>) {
    return (await this.adapter()).createTask(...args);
  }
  async updateTask(id: string, ...rest: [Parameters<TaskProvider['updateTask']>[1], WriteOptions?]) {
    return (await this.adapter()).updateTask(id, ...rest);
  }
  async deleteTask(id: string, options?: CallOptions) {
    return (await this.adapter()).deleteTask(id, options);
  }
  async listMembers(options?: CallOptions) {
    return (await this.adapter()).listMembers(options);
  }
  async nameRecords(...args: Parameters<TaskProvider['nameRecords']>) {
    return (await this.adapter()).nameRecords(...args);
  }
  async searchRecords(...args: Parameters<TaskProvider['searchRecords']>) {
    return (await this.adapter()).searchRecords(...args);
  }
  async searchParents(...args: Parameters<TaskProvider['searchParents']>) {
    return (await this.adapter()).searchParents(...args);
  }
}
