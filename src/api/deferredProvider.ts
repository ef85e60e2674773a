/**
 * A service's adapter as the extension holds it from the start: what the service can
 * do is known at once, and the adapter's own code (its schemas, translation and HTTP
 * rules) loads with the first call, so only the chosen service's is ever loaded.
 */
import type { Capabilities } from './domain';
import { onFirstUse } from '../lazy';
import type { ProviderOptions, TaskProvider } from './provider';

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

  async checkKey(...args: Parameters<TaskProvider['checkKey']>) {
    return (await this.adapter()).checkKey(...args);
  }
  async describeTasks(...args: Parameters<TaskProvider['describeTasks']>) {
    return (await this.adapter()).describeTasks(...args);
  }
  async listTasks(...args: Parameters<TaskProvider['listTasks']>) {
    return (await this.adapter()).listTasks(...args);
  }
  async listAllTasks(...args: Parameters<TaskProvider['listAllTasks']>) {
    return (await this.adapter()).listAllTasks(...args);
  }
  async getTask(...args: Parameters<TaskProvider['getTask']>) {
    return (await this.adapter()).getTask(...args);
  }
  async createTask(...args: Parameters<TaskProvider['createTask']>) {
    return (await this.adapter()).createTask(...args);
  }
  async updateTask(...args: Parameters<TaskProvider['updateTask']>) {
    return (await this.adapter()).updateTask(...args);
  }
  async deleteTask(...args: Parameters<TaskProvider['deleteTask']>) {
    return (await this.adapter()).deleteTask(...args);
  }
  async listMembers(...args: Parameters<TaskProvider['listMembers']>) {
    return (await this.adapter()).listMembers(...args);
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
