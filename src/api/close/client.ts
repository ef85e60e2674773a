/**
 * The Close adapter: the domain's tasks, queries and patches to and from Close's
 * task resource (the translation is taskMapping.ts; leads and people are
 * directory.ts). Close has no idempotency keys, so a create whose answer was lost
 * is looked for before it is sent again; no totals, only `has_more`; and a capped
 * `_skip`, so deep lists are read in `date_created` windows.
 */
import type { Account, Member, NamedRecord, ParentChoice, Task, TaskDescription, TaskDraft, TaskPage, TaskPatch, TaskQuery } from '../domain';
import { unknown } from 'zod/mini';
import { alreadyGone, ApiError, isOutcomeUnknown } from '../errors';
import type { ServiceHttp } from '../http';
import { listEveryTask } from '../paging';
import type { CallOptions, ProviderOptions, TaskProvider, WriteOptions } from '../provider';
import { CloseDirectory } from './directory';
import { closeHttp } from './http';
import { ListWindows } from './listWindows';
import { type CloseTask, closeTaskSchema, pageOf, updateAnswerSchema } from './schemas';
import { CLOSE_CAPABILITIES, MAX_PAGE_SIZE } from './capabilities';
import { bodyOf, describedFields, idOf, type LeadLink, sameDue, toTask } from './taskMapping';

/** A lost create is looked for among the lead's tasks made since it was sent, allowing this much clock difference. */
const CLOCK_SKEW_MS = 2 * 60_000;
const CREATE_ATTEMPTS = 3;
const LOOKUP_ATTEMPTS = 3;
/** Leads offered in the editor's picker; more are found by name when creating from a TODO. */
const LEADS_OFFERED = 100;
/** Newest first, and the same order on every page: what the windows are cut along. */
const LIST_ORDER = '-date_created';

export class CloseProvider implements TaskProvider {
  readonly capabilities = CLOSE_CAPABILITIES;
  private readonly http: ServiceHttp;
  private readonly directory: CloseDirectory;
  private readonly windows = new ListWindows();
  private readonly leadNames = new Map<string, string>();

  constructor(options: ProviderOptions) {
    this.http = closeHttp(options);
    this.directory = new CloseDirectory(this.http);
  }

  async checkKey(options: CallOptions = {}): Promise<Account> {
    const me = await this.directory.me(options);
    return { active: true, me: me.id, canRead: true, canCreate: true, canUpdate: true, canDelete: true, canReadMembers: true, summary: `user ${this.directory.nameOf(me)}` };
  }

  async describeTasks(options: CallOptions = {}): Promise<TaskDescription> {
    return { fields: describedFields(await this.directory.leads('', LEADS_OFFERED, options)) };
  }

  searchParents(text: string, options: CallOptions = {}): Promise<ParentChoice[]> {
    return this.directory.leads(text, 25, options);
  }

  listMembers(options: CallOptions = {}): Promise<Member[]> {
    return this.directory.members(options);
  }

  async listTasks(query: TaskQuery = {}, options: CallOptions = {}): Promise<TaskPage> {
    // Close has only "complete or not": no task of another status exists there.
    if (query.status && !this.capabilities.statuses.includes(query.status)) return { tasks: [], hasMore: false };
    const link = this.directory.leadLink(options);
    const filters = {
      // Without it only lead tasks come back.
      _type: 'all',
      ...(query.status ? { is_complete: query.status === 'COMPLETE' } : {}),
      ...(query.assignee ? { assigned_to: query.assignee } : {}),
      ...(query.dueFrom ? { date__gte: query.dueFrom } : {}),
      ...(query.dueBefore ? { date__lt: query.dueBefore } : {}),
    };
    const list = JSON.stringify(filters);
    const offset = query.offset ?? 0;
    const window = this.windows.at(list, offset);
    const page = await this.http.request({
      method: 'GET',
      path: '/task/',
      category: 'task:read',
      schema: pageOf(closeTaskSchema),
      query: {
        ...filters,
        _order_by: LIST_ORDER,
        ...(window ? { date_created__lte: window.madeBy, _skip: window.skip } : { _skip: offset }),
        _limit: Math.min(query.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
      },
      ...options,
    });
    this.windows.read(list, offset, window, page.data.map((task) => task.date_created));
    const leadLink = await link;
    return { tasks: page.data.map((task) => this.toTask(task, leadLink)), hasMore: page.has_more };
  }

  listAllTasks(query: Omit<TaskQuery, 'offset' | 'limit'> = {}, options: CallOptions = {}): Promise<Task[]> {
    // One page after another: each starts where the one before ended.
    return listEveryTask((each, callOptions) => this.listTasks(each, callOptions), query, options, MAX_PAGE_SIZE, 1);
  }

  async getTask(id: string, options: CallOptions = {}): Promise<Task> {
    const [task, link] = await Promise.all([this.http.request({ method: 'GET', path: `/task/${encodeURIComponent(id)}/`, category: 'task:read', schema: closeTaskSchema, ...options }), this.directory.leadLink(options)]);
    return this.toTask(task, link);
  }

  /** A task from Close's answer; its lead's name, which Close sends beside the ID, is remembered for `nameRecords`. */
  private toTask(wire: CloseTask, leadLink: LeadLink): Task {
    const leadName = wire.lead_name?.trim();
    if (wire.lead_id && leadName) this.leadNames.set(wire.lead_id, leadName);
    return toTask(wire, leadLink);
  }

  /** The leads of the tasks read so far, by name: what the tree groups by and tooltips name. */
  nameRecords(objectType: string, ids: readonly string[]): Promise<NamedRecord[]> {
    if (objectType !== 'lead') return Promise.resolve([]);
    return Promise.resolve(ids.flatMap((id) => {
      const name = this.leadNames.get(id);
      return name ? [{ id, name }] : [];
    }));
  }

  searchRecords(): Promise<NamedRecord[]> {
    return Promise.resolve([]);
  }

  /** Close deletes a task for good; one already gone (a retry after a lost answer, say) counts as deleted. */
  async deleteTask(id: string, options: CallOptions = {}): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/task/${encodeURIComponent(id)}/`, category: 'task:write', schema: unknown(), ...options }).catch(alreadyGone);
  }

  /** The seed documents the update's 200 answer as empty: the task is read again when the answer lacks it. */
  async updateTask(id: string, patch: TaskPatch, options: WriteOptions = {}): Promise<Task> {
    const answer = await this.http.request({ method: 'PUT', path: `/task/${encodeURIComponent(id)}/`, category: 'task:write', schema: updateAnswerSchema, body: bodyOf(patch), signal: options.signal });
    const task = closeTaskSchema.safeParse(answer);
    return task.success ? this.toTask(task.data, await this.directory.leadLink(options)) : this.getTask(id, options);
  }

  /**
   * Close has no idempotency keys: when a create fails in a way that may have
   * reached the service (no answer, a 5xx), the lead's recent tasks are searched
   * for it before it is sent again, so a lost answer never makes two tasks.
   */
  async createTask(draft: TaskDraft, options: WriteOptions = {}): Promise<Task> {
    const body: Record<string, unknown> = { _type: 'lead', ...bodyOf(draft) };
    const lead = draft.parent ?? idOf(draft.values?.lead_id);
    if (!lead) throw new ApiError({ kind: 'config', message: 'A Close task belongs to a lead: choose one.', fieldErrors: { lead_id: 'Choose a lead.' } });
    body.lead_id = lead;
    for (let attempt = 1; ; attempt++) {
      const sentAt = Date.now();
      try {
        return this.toTask(await this.http.request({ method: 'POST', path: '/task/', category: 'task:write', schema: closeTaskSchema, body, signal: options.signal }), await this.directory.leadLink(options));
      } catch (error) {
        if (!(error instanceof ApiError && isOutcomeUnknown(error))) throw error;
        const made = await this.findCreated(lead, body, sentAt, options).catch(() => {
          // Not knowing whether it was made, sending it again could make two.
          throw error;
        });
        if (made) return made;
        if (attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The task a create may have made: same lead, text, date and assignee, made since
   * it was sent. The look-up is a read, so it is asked again (each ask with its own
   * retries) before the create is given up as unknown.
   */
  private async findCreated(lead: string, body: Record<string, unknown>, sentAt: number, options: CallOptions): Promise<Task | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.lookFor(lead, body, sentAt, options);
      } catch (error) {
        if (attempt >= LOOKUP_ATTEMPTS || !(error instanceof ApiError && error.retryable)) throw error;
      }
    }
  }

  private async lookFor(lead: string, body: Record<string, unknown>, sentAt: number, options: CallOptions): Promise<Task | undefined> {
    const page = await this.http.request({
      method: 'GET',
      path: '/task/',
      category: 'task:read',
      schema: pageOf(closeTaskSchema),
      query: { _type: 'all', lead_id: lead, _order_by: LIST_ORDER, date_created__gte: new Date(sentAt - CLOCK_SKEW_MS).toISOString(), _limit: MAX_PAGE_SIZE },
      ...options,
    });
    const same = (task: CloseTask) =>
      (task.text ?? '') === (body.text ?? '') &&
      sameDue(task, body.date as string | undefined) &&
      (body.assigned_to === undefined || task.assigned_to === body.assigned_to) &&
      Date.parse(task.date_created) >= sentAt - CLOCK_SKEW_MS;
    const found = page.data.find(same);
    return found && this.toTask(found, await this.directory.leadLink(options));
  }
}
