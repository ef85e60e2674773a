/**
 * Who and what Close tasks point at: leads (found by name through the Advanced
 * Filtering API, `POST /data/search/`, falling back to the deprecated
 * `GET /lead/?query=` only where that is refused), how a lead's page is linked,
 * and the people a task can be assigned to (the active members of the tasks'
 * organisation, among the users of all the user's organisations).
 */
import type { Member, ParentChoice } from '../domain';
import { ApiError } from '../errors';
import type { ServiceHttp } from '../http';
import { collectAllPages } from '../paging';
import type { CallOptions } from '../provider';
import { closeLeadSchema, closeMeSchema, closeOrganizationSchema, closeSearchSchema, closeTaskSchema, type CloseUser, closeUserSchema, pageOf } from './schemas';
import { MAX_PAGE_SIZE } from './capabilities';
import { type LeadLink, NO_LINK } from './taskMapping';

const LEAD_FIELDS = ['id', 'display_name', 'name'];

function nameOf(user: CloseUser): string {
  return [user.first_name, user.last_name].map((part) => part?.trim()).filter(Boolean).join(' ') || user.email?.trim() || user.id;
}

/** A refusal of the request itself (not of the key, not a passing fault): another way may be tried. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status !== undefined && [400, 403, 404, 405, 410].includes(error.status);
}

export class CloseDirectory {
  private advancedSearch = true;
  private leadLinks: Promise<LeadLink> | undefined;

  constructor(private readonly http: ServiceHttp) {}

  /** The user as Close knows them, with the organisations they belong to. */
  me(options: CallOptions) {
    return this.http.request({ method: 'GET', path: '/me/', category: 'me:read', schema: closeMeSchema, ...options });
  }

  nameOf(user: CloseUser): string {
    return nameOf(user);
  }

  /** Leads whose names match `text` (the first ones without text), as a picker shows them. */
  async leads(text: string, limit: number, options: CallOptions): Promise<ParentChoice[]> {
    const found = text.trim() && this.advancedSearch ? await this.searchLeads(text.trim(), limit, options) : undefined;
    const leads =
      found ??
      (await this.http.request({
        method: 'GET',
        path: '/lead/',
        category: 'lead:read',
        schema: pageOf(closeLeadSchema),
        query: { ...(text.trim() ? { query: text.trim() } : {}), _limit: limit, _fields: LEAD_FIELDS.join(',') },
        ...options,
      })).data;
    return leads.map((lead) => ({ id: lead.id, label: lead.display_name?.trim() || lead.name?.trim() || lead.id }));
  }

  /** Leads by name through the Advanced Filtering API; undefined where this server refuses it (asked once). */
  private async searchLeads(text: string, limit: number, options: CallOptions) {
    const body = {
      query: {
        type: 'and',
        queries: [
          { type: 'object_type', object_type: 'lead' },
          { type: 'field_condition', field: { type: 'regular_field', object_type: 'lead', field_name: 'name' }, condition: { type: 'text', mode: 'beginning_of_words', value: text } },
        ],
      },
      // Without them an answer holds only each lead's ID.
      _fields: { lead: LEAD_FIELDS },
      _limit: limit,
    };
    try {
      return (await this.http.request({ method: 'POST', path: '/data/search/', category: 'lead:read', schema: closeSearchSchema, body, ...options })).data;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.advancedSearch = false;
      return undefined;
    }
  }

  /**
   * How a lead's page is linked, learned once from one lead's `html_url` (the lead's
   * ID in it becomes the place for another's); none where the service gives no such link.
   */
  leadLink(options: CallOptions): Promise<LeadLink> {
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

  /**
   * Every user the key can see, named; those who are not active members of the
   * tasks' organisation (they left, or belong to another of the user's
   * organisations) are marked, so they are named but never offered.
   */
  async members(options: CallOptions): Promise<Member[]> {
    const [users, active] = await Promise.all([
      collectAllPages(
        async (offset, limit) => {
          const page = await this.http.request({ method: 'GET', path: '/user/', category: 'user:read', schema: pageOf(closeUserSchema), query: { _skip: offset, _limit: limit }, ...options });
          return { items: page.data, hasMore: page.has_more };
        },
        MAX_PAGE_SIZE,
        1,
        options.signal,
      ),
      this.activeMembers(options).catch((error: unknown) => {
        // An organisation this key may not read: everyone is offered, as before.
        if (isRefusal(error)) return undefined;
        throw error;
      }),
    ]);
    return users.map((user) => ({ id: user.id, name: nameOf(user), ...(active && !active.has(user.id) ? { inactive: true } : {}) }));
  }

  /** The user IDs of the active members of the organisation the key's tasks are in. */
  private async activeMembers(options: CallOptions): Promise<Set<string> | undefined> {
    const organization = await this.tasksOrganization(options);
    if (!organization) return undefined;
    const found = await this.http.request({ method: 'GET', path: `/organization/${encodeURIComponent(organization)}/`, category: 'organization:read', schema: closeOrganizationSchema, ...options });
    return new Set(found.memberships.map((membership) => membership.user_id));
  }

  /** The user's one organisation, or where there are several, the one a task is in. */
  private async tasksOrganization(options: CallOptions): Promise<string | undefined> {
    const { organizations } = await this.me(options);
    if (organizations?.length === 1) return organizations[0].id;
    const page = await this.http.request({ method: 'GET', path: '/task/', category: 'task:read', schema: pageOf(closeTaskSchema), query: { _type: 'all', _limit: 1 }, ...options });
    return page.data[0]?.organization_id ?? undefined;
  }
}
