/** What Lightfield can do as the product sees it, and the documented system keys this adapter names. */
import { type Capabilities, TASK_STATUSES } from '../domain';

export const DEFAULT_BASE_URL = 'https://api.lightfield.app';

/** The service's page size ceiling. */
export const MAX_PAGE_SIZE = 25;
/** Pages in flight at once while listing everything: enough to keep 25 a second going at a 200 ms round trip; the rate limiter paces them. */
export const LIST_CONCURRENCY = 10;

export const LIGHTFIELD_CAPABILITIES: Capabilities = {
  service: 'lightfield',
  name: 'Lightfield',
  statuses: TASK_STATUSES,
  statusLabels: {},
  kindLabels: {},
  idempotentWrites: true,
  trash: true,
  belongsTo: { objectType: 'account', label: 'Account' },
  namedRecords: ['account', 'opportunity'],
  titleSearch: true,
  maxPageSize: MAX_PAGE_SIZE,
  // `$dueAt` is a DATETIME: an instant.
  dueDays: false,
  descriptions: true,
  taskIdPattern: 'tsk_[A-Za-z0-9]+',
  key: { placeholder: 'sk_lf_…', prefix: 'sk_lf_', where: 'Create a key in Lightfield under Settings → API keys.' },
};

/** The documented system keys, the only ones this adapter names. */
export const KEYS = { title: '$title', status: '$status', dueAt: '$dueAt', assignee: '$assignedTo', description: '$description', createdBy: '$createdBy' } as const;
/** Where each named object type's records are read and searched. */
export const RECORD_PATHS: Record<string, string> = { account: '/v1/accounts', opportunity: '/v1/opportunities' };
/** Relationship IDs one request may reference, across all its relationships. */
export const RELATIONSHIP_WRITE_LIMIT = 25;
