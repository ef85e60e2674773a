/**
 * The Close adapter: the domain's tasks, queries and patches to and from Close's
 * task resource. Close has no definitions endpoint, so the adapter describes the
 * task's fields itself; no idempotency keys, so a create whose answer was lost is
 * looked for before it is sent again; and no totals, only `has_more`.
 */
import type { Account, Capabilities, FieldDescription, Member, NamedRecord, ParentChoice, Task, TaskDescription, TaskDraft, TaskPage, TaskPatch, TaskQuery } from '../domain';
import { unknown } from 'zod/mini';
import { alreadyGone, ApiError, isOutcomeUnknown } from '../errors';
import type { ServiceHttp } from '../http';
import { collectAllPages } from '../paging';
import type { CallOptions, ProviderOptions, TaskProvider, WriteOptions } from '../provider';
import type { Field, WritableValue } from '../values';
import { DUE_DAY, type Due, readDue } from '../../shared/dueDates';
import { closeHttp } from './http';
import { type CloseTask, closeLeadSchema, closeTaskSchema, type CloseUser, closeUserSchema, pageOf, updateAnswerSchema } from './schemas';

const MAX_PAGE_SIZE = 100;
/** A lost create is looked for among the lead's tasks made since it was sent, allowing this much clock difference. */
const CLOCK_SKEW_MS = 2 * 60_000;
const CREATE_ATTEMPTS = 3;
const LOOKUP_ATTEMPTS = 3;
/** Leads offered in the editor's picker; more are found by name when creating from a TODO. */
const LEADS_OFFERED = 100;

/** How each task type reads in a list, where Close leaves `text` empty (it fills it on lead and SMS tasks only). */
const TYPE_NAMES: Record<string, string> = {
  outgoing_call: 'Call',
  incoming_email: 'Email',
  email_followup: 'Follow up on email',
  missed_call: 'Missed call',
  answered_detached_call: 'Call',
  voicemail: 'Voicemail',
  incoming_sms: 'SMS',
  opportunity_due: 'Opportunity due',
};

export const CLOSE_CAPABILITIES: Capabilities = {
  service: 'close',
  name: 'Close',
  statuses: ['TODO', 'COMPLETE'],
  statusLabels: { COMPLETE: 'Done' },
  kindLabels: TYPE_NAMES,
  totals: false,
  idempotentWrites: false,
  trash: false,
  // A task's lead is described with its name already (see the lead field).
  namedRecords: [],
  filters: { status: true, assignee: true, titlePrefix: false },
  maxPageSize: MAX_PAGE_SIZE,
  // `date` is a day (all day in the user's zone) or a date-time.
  dueDays: true,
  descriptions: false,
  parent: { label: 'Lead' },
  taskIdPattern: 'task_[A-Za-z0-9]+',
  key: { placeholder: 'api_…', where: 'Create a key in Close under Settings → Developer → API Keys.' },
};

/** Close's writable task properties the editor shows, and the read-only type that decides what may change. */
function describedFields(leads: ParentChoice[]): FieldDescription[] {
  const base = { multiple: false, readOnly: false, requiredOnCreate: false, requiredOnEdit: false };
  return [
    {
      ...base,
      key: 'text',
      kind: 'field',
      label: 'Text',
      description: 'Only a lead task\'s text can change.',
      valueType: 'TEXT',
      requiredOnCreate: true,
      requiredOnEdit: true,
      editableKinds: ['lead'],
      role: 'title',
    },
    { ...base, key: 'is_complete', kind: 'field', label: 'Done', valueType: 'CHECKBOX', role: 'status', initial: false },
    { ...base, key: 'assigned_to', kind: 'relationship', label: 'Assigned to', valueType: 'RELATIONSHIP', objectType: 'member', requiredOnCreate: true, requiredOnEdit: true, role: 'assignee' },
    { ...base, key: 'date', kind: 'field', label: 'Date', description: 'The day the task is due, or a time on it.', valueType: 'DATETIME', allDay: true, role: 'dueAt' },
    {
      ...base,
      key: 'lead_id',
      kind: 'relationship',
      label: 'Lead',
      description: 'The lead the task belongs to; set when the task is made.',
      valueType: 'RELATIONSHIP',
      objectType: 'lead',
      options: leads,
      idPrefix: 'lead_',
      requiredOnCreate: true,
      createOnly: true,
      role: 'parent',
    },
    { ...base, key: 'priority', kind: 'field', label: 'Priority', valueType: 'SINGLE_SELECT', options: [{ id: 'high', label: 'High' }, { id: 'medium', label: 'Medium' }] },
    { ...base, key: 'resolution', kind: 'field', label: 'Resolution', valueType: 'SINGLE_SELECT', options: [{ id: 'abandoned', label: 'Abandoned' }, { id: 'skipped', label: 'Skipped' }] },
    { ...base, key: '_type', kind: 'field', label: 'Type', description: 'Lead tasks are made here; calls and emails come from Close.', valueType: 'TEXT', readOnly: true },
  ];
}

/**
 * Close dates are a day (`2026-11-25`, all day in the user's zone: kept a day) or a
 * date-time, possibly without an offset (read as UTC, Close's own zone for them).
 */
function dueOf(date: string | null | undefined): string | undefined {
  if (!date) return undefined;
  if (DUE_DAY.test(date)) return date;
  return /(Z|[+-]\d{2}:?\d{2})$/.test(date) ? date : `${date}Z`;
}

/**
 * Whether a task Close answered with is due as a create asked: Close answers in its own
 * form (`…+00:00`, a day, or a dateless task's creation day), so meaning is compared, not text.
 */
function sameDue(task: CloseTask, sent: string | undefined): boolean {
  if (sent === undefined) return task.is_dateless === true || !task.date;
  if (task.is_dateless || !task.date) return false;
  const [answered, asked] = [readDue(dueOf(task.date)), readDue(sent)];
  if (!answered || !asked) return false;
  // A day that comes back as a date-time is its midnight in UTC, the zone Close writes them in.
  const dayOf = (due: Due) => ('day' in due ? due.day : new Date(due.at).toISOString().slice(0, 10));
  return 'day' in answered || 'day' in asked ? dayOf(answered) === dayOf(asked) : answered.at === asked.at;
}

function nameOf(user: CloseUser): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.email || user.id;
}


/** A task's title: its text, else what its type carries (an email's subject, a call's contact and phone, the opportunity's lead). */
function titleOf(wire: CloseTask): string {
  const text = wire.text?.trim();
  if (text) return wire.text ?? '';
  const name = TYPE_NAMES[wire._type];
  const who = [wire.contact_name, wire.phone ?? wire.remote_phone].filter(Boolean).join(' · ');
  const about = wire.subject?.trim() || who || wire.lead_name?.trim();
  if (!name) return about ?? '';
  return about ? `${name}: ${about}` : name;
}

/** A lead's page in Close, by its ID: tasks have no link of their own, so "Open in Close" opens the task's lead. */
type LeadLink = (leadId: string) => string | undefined;
const NO_LINK: LeadLink = () => undefined;

function toTask(wire: CloseTask, leadLink: LeadLink = NO_LINK): Task {
  const text = (value: string | null | undefined): Field => ({ valueType: 'TEXT', value: value ?? null });
  const select = (value: string | null | undefined): Field => ({ valueType: 'SINGLE_SELECT', value: value ?? null });
  const link = (id: string | null | undefined): Field => ({ valueType: 'RELATIONSHIP', value: id ? [id] : [] });
  // A dateless task may still carry a date (its creation day): it has no due date.
  const dueAt = wire.is_dateless ? undefined : dueOf(wire.date);
  return {
    id: wire.id,
    title: titleOf(wire),
    webLink: wire.lead_id ? leadLink(wire.lead_id) : undefined,
    status: wire.is_complete ? 'COMPLETE' : 'TODO',
    dueAt,
    assignee: wire.assigned_to ?? undefined,
    createdAt: wire.date_created,
    updatedAt: wire.date_updated ?? undefined,
    kind: wire._type,
    fields: {
      text: text(wire.text),
      is_complete: { valueType: 'CHECKBOX', value: wire.is_complete },
      assigned_to: link(wire.assigned_to),
      date: { valueType: 'DATETIME', value: dueAt ?? null },
      lead_id: link(wire.lead_id),
      priority: select(wire.priority),
      resolution: select(wire.resolution),
      _type: text(wire._type),
    },
  };
}

/** The one ID of a has-one value. */
function idOf(value: WritableValue | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return typeof value === 'string' && value ? value : null;
}

/** A patch as Close's update body: the named properties, then the described fields it sets. */
function bodyOf(patch: TaskPatch): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch.title !== undefined) body.text = patch.title;
  if (patch.status !== undefined) {
    if (!CLOSE_CAPABILITIES.statuses.includes(patch.status)) throw new ApiError({ kind: 'config', message: `Close tasks cannot be ${patch.status.toLowerCase().replace('_', ' ')}: they are to do or done.` });
    body.is_complete = patch.status === 'COMPLETE';
  }
  if (patch.dueAt !== undefined) body.date = patch.dueAt;
  if (patch.assignee !== undefined) body.assigned_to = patch.assignee;
  for (const [key, value] of Object.entries(patch.values ?? {})) {
    body[key] = key === 'assigned_to' || key === 'lead_id' ? idOf(value) : value;
  }
  // A task without a date is dateless; one given a date is not. `date` is not nullable: clearing it is `is_dateless`.
  if ('date' in body) {
    body.is_dateless = body.date === null;
    if (body.date === null) delete body.date;
  }
  return body;
}

export class CloseProvider implements TaskProvider {
  readonly capabilities = CLOSE_CAPABILITIES;
  private readonly http: ServiceHttp;
  private leadLinks: Promise<LeadLink> | undefined;

  constructor(options: ProviderOptions) {
    this.http = closeHttp(options);
  }

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  async checkKey(options: CallOptions = {}): Promise<Account> {
    const me = await this.http.request({ method: 'GET', path: '/me/', category: 'me:read', schema: closeUserSchema, ...options });
    return { active: true, me: me.id, canRead: true, canCreate: true, canUpdate: true, canDelete: true, canReadMembers: true, summary: `user ${nameOf(me)}` };
  }

  async describeTasks(options: CallOptions = {}): Promise<TaskDescription> {
    const leads = await this.leads('', LEADS_OFFERED, options);
    return { fields: describedFields(leads) };
  }

  private async leads(text: string, limit: number, options: CallOptions): Promise<ParentChoice[]> {
    const page = await this.http.request({
      method: 'GET',
      path: '/lead/',
      category: 'lead:read',
      schema: pageOf(closeLeadSchema),
      query: { ...(text ? { query: text } : {}), _limit: limit, _fields: 'id,display_name,name' },
      ...options,
    });
    return page.data.map((lead) => ({ id: lead.id, label: lead.display_name ?? lead.name ?? lead.id }));
  }

  searchParents(text: string, options: CallOptions = {}): Promise<ParentChoice[]> {
    return this.leads(text, 25, options);
  }

  async listTasks(query: TaskQuery = {}, options: CallOptions = {}): Promise<TaskPage> {
    // Close has only "complete or not": no task of another status exists there.
    if (query.status && !this.capabilities.statuses.includes(query.status)) return { tasks: [], hasMore: false };
    const link = this.leadLink(options);
    const page = await this.http.request({
      method: 'GET',
      path: '/task/',
      category: 'task:read',
      schema: pageOf(closeTaskSchema),
      query: {
        // Without it only lead tasks come back.
        _type: 'all',
        _skip: query.offset ?? 0,
        _limit: Math.min(query.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
        ...(query.status ? { is_complete: query.status === 'COMPLETE' } : {}),
        ...(query.assignee ? { assigned_to: query.assignee } : {}),
      },
      ...options,
    });
    const leadLink = await link;
    return { tasks: page.data.map((task) => toTask(task, leadLink)), hasMore: page.has_more };
  }

  listAllTasks(query: Omit<TaskQuery, 'offset' | 'limit'> = {}, options: CallOptions = {}): Promise<Task[]> {
    return collectAllPages(
      async (offset, limit) => {
        const page = await this.listTasks({ ...query, offset, limit }, options);
        return { items: page.tasks, hasMore: page.hasMore };
      },
      MAX_PAGE_SIZE,
      1,
      options.signal,
    );
  }

  async getTask(id: string, options: CallOptions = {}): Promise<Task> {
    const [task, link] = await Promise.all([this.http.request({ method: 'GET', path: `/task/${encodeURIComponent(id)}/`, category: 'task:read', schema: closeTaskSchema, ...options }), this.leadLink(options)]);
    return toTask(task, link);
  }

  /**
   * How a lead's page is linked, learned once from one lead's `html_url` (the lead's
   * ID in it becomes the place for another's); none where the service gives no such link.
   */
  private leadLink(options: CallOptions): Promise<LeadLink> {
    this.leadLinks ??= this.http
      .request({ method: 'GET', path: '/lead/', category: 'lead:read', schema: pageOf(closeLeadSchema), query: { _limit: 1, _fields: 'id,html_url' }, ...options })
      .then(
        ({ data: [lead] }) => {
          const at = lead?.html_url ? lead.html_url.indexOf(lead.id) : -1;
          if (!lead?.html_url || at < 0) return NO_LINK;
          const [before, after] = [lead.html_url.slice(0, at), lead.html_url.slice(at + lead.id.length)];
          return (leadId: string) => `${before}${encodeURIComponent(leadId)}${after}`;
        },
        () => {
          this.leadLinks = undefined;
          return NO_LINK;
        },
      );
    return this.leadLinks;
  }

  nameRecords(): Promise<NamedRecord[]> {
    return Promise.resolve([]);
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
    return task.success ? toTask(task.data, await this.leadLink(options)) : this.getTask(id, options);
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
        return toTask(await this.http.request({ method: 'POST', path: '/task/', category: 'task:write', schema: closeTaskSchema, body, signal: options.signal }), await this.leadLink(options));
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
      query: { _type: 'all', lead_id: lead, _order_by: '-date_created', _limit: MAX_PAGE_SIZE },
      ...options,
    });
    const same = (task: CloseTask) =>
      (task.text ?? '') === (body.text ?? '') &&
      sameDue(task, body.date as string | undefined) &&
      (body.assigned_to === undefined || task.assigned_to === body.assigned_to) &&
      Date.parse(task.date_created) >= sentAt - CLOCK_SKEW_MS;
    const found = page.data.find(same);
    return found && toTask(found, await this.leadLink(options));
  }

  async listMembers(options: CallOptions = {}): Promise<Member[]> {
    const users = await collectAllPages(
      async (offset, limit) => {
        const page = await this.http.request({ method: 'GET', path: '/user/', category: 'user:read', schema: pageOf(closeUserSchema), query: { _skip: offset, _limit: limit }, ...options });
        return { items: page.data, hasMore: page.has_more };
      },
      MAX_PAGE_SIZE,
      1,
      options.signal,
    );
    return users.map((user) => ({ id: user.id, name: nameOf(user) }));
  }
}
