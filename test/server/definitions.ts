import { TASK_STATUSES, type TaskStatus } from '../../src/api/domain';
import { type FieldDefinition, type RelationshipDefinition, type TaskDefinitions } from '../../src/api/lightfield/schemas';
import { HttpError } from './httpError';
import { randomId, seededRandom } from './random';

const STATUS_OPTIONS = [
  { id: 'TODO', label: 'To do' },
  { id: 'IN_PROGRESS', label: 'In progress' },
  { id: 'COMPLETE', label: 'Complete' },
  { id: 'CANCELLED', label: 'Cancelled' },
];

const SYSTEM_FIELDS: Record<string, FieldDefinition> = {
  $title: { label: 'Title', description: 'Title of the task.', valueType: 'TEXT' },
  $description: { label: 'Description', description: 'Description of the task in markdown format.', valueType: 'MARKDOWN' },
  $status: {
    label: 'Status',
    description: 'Task status.',
    valueType: 'SINGLE_SELECT',
    typeConfiguration: { options: STATUS_OPTIONS },
  },
  $dueAt: { label: 'Due date', description: 'Due date as an ISO 8601 datetime.', valueType: 'DATETIME' },
};

// Slugs vary per organisation (the public docs only show `$task-account`): these are this organisation's.
const SYSTEM_RELATIONSHIPS: Record<string, RelationshipDefinition> = {
  $assignedTo: { label: 'Assigned to', description: 'The member responsible for the task.', cardinality: 'HAS_ONE', objectType: 'member', slug: '$task-owner' },
  $createdBy: { label: 'Created by', description: 'Defaults to the API key\'s user.', cardinality: 'HAS_ONE', objectType: 'member', slug: '$task-creator' },
  $account: { label: 'Account', description: 'The account the task concerns.', cardinality: 'HAS_ONE', objectType: 'account', slug: '$task-account' },
  $note: { label: 'Notes', description: 'Read-only: manage notes via their own relationships.', cardinality: 'HAS_MANY', objectType: 'note', slug: '$task-note' },
  // A custom relationship: a bare key and slug, no `$`.
  watchers: { label: 'Watchers', description: 'Members kept informed.', cardinality: 'HAS_MANY', objectType: 'member', slug: 'task-watchers' },
  $opportunity: { label: 'Opportunity', description: 'The deal the task moves forward.', cardinality: 'HAS_ONE', objectType: 'opportunity', slug: '$task-opportunity' },
};

/** Relationships the API refuses to write. */
export const READ_ONLY_RELATIONSHIPS = new Set(['$note']);

/** An organisation's own fields, one of most value types, with option IDs of its own. */
function customFields(seed: number): Record<string, FieldDefinition> {
  const random = seededRandom(seed ^ 0x5eed);
  const options = (...labels: string[]) => labels.map((label) => ({ id: randomId('opt_', random), label, description: null }));
  return {
    priority: { label: 'Priority', description: 'How urgent the task is.', valueType: 'SINGLE_SELECT', typeConfiguration: { options: options('Low', 'Medium', 'High') } },
    labels: { label: 'Labels', description: null, valueType: 'MULTI_SELECT', typeConfiguration: { options: options('Backend', 'Frontend', 'Billing', 'Docs') } },
    estimate: { label: 'Estimate (hours)', description: 'Expected effort.', valueType: 'NUMBER' },
    budget: { label: 'Budget', description: null, valueType: 'CURRENCY', typeConfiguration: { currency: 'EUR' } },
    billable: { label: 'Billable', description: 'Charge this work to the account.', valueType: 'CHECKBOX' },
    contactEmail: { label: 'Contact email', description: null, valueType: 'EMAIL', typeConfiguration: { multipleValues: true } },
    website: { label: 'Website', description: null, valueType: 'URL' },
    phone: { label: 'Phone', description: null, valueType: 'TELEPHONE', typeConfiguration: { multipleValues: true } },
    siteAddress: { label: 'Site address', description: 'Where the work happens.', valueType: 'ADDRESS' },
    reviewer: { label: 'Reviewer', description: null, valueType: 'FULL_NAME' },
    twitter: { label: 'Twitter', description: null, valueType: 'SOCIAL_HANDLE', typeConfiguration: { handleService: 'TWITTER' } },
    summary: { label: 'AI summary', description: 'Generated; not writable.', valueType: 'TEXT', readOnly: true },
    // The newest spec's HTML type, written in the web app.
    brief: { label: 'Brief', description: 'Written in the web app.', valueType: 'HTML', readOnly: true },
  };
}

/**
 * How `$status` is described and stored, where no page prints a real definition
 * (the seeds say the value is one of the four literals; the agent plugin writes
 * option IDs):
 * - `seeds`: options whose IDs are the literals, and values those IDs;
 * - `optionIds`: options with IDs that do not spell the status, and values those IDs;
 * - `literals`: options with opaque IDs and labels that do not spell the status
 *   ("Open", "Completed", "Canceled"), while stored values stay the literals (a
 *   write of an option ID is stored as its literal; a filter compares the stored value);
 * - `noOptions`: a definition that lists no options, and values the literals.
 */
export type StatusReading = 'seeds' | 'optionIds' | 'literals' | 'noOptions';
export const STATUS_READINGS: readonly StatusReading[] = ['seeds', 'optionIds', 'literals', 'noOptions'];

const OTHER_LABELS: Record<TaskStatus, string> = { TODO: 'Open', IN_PROGRESS: 'Doing', COMPLETE: 'Completed', CANCELLED: 'Canceled' };

function statusField(reading: StatusReading, random: () => number): FieldDefinition {
  const opaque = (label: (status: TaskStatus, index: number) => string) =>
    TASK_STATUSES.map((status, index) => ({ id: randomId('opt_', random), label: label(status, index) }));
  switch (reading) {
    case 'seeds':
      return SYSTEM_FIELDS.$status;
    case 'optionIds':
      return { ...SYSTEM_FIELDS.$status, typeConfiguration: { options: opaque((_status, index) => STATUS_OPTIONS[index].label) } };
    case 'literals':
      return { ...SYSTEM_FIELDS.$status, typeConfiguration: { options: opaque((status) => OTHER_LABELS[status]) } };
    case 'noOptions':
      return { label: 'Status', description: 'Task status.', valueType: 'SINGLE_SELECT' };
  }
}

/** The option an organisation may add to `$status` that names none of the four statuses ("Blocked", say). */
export const EXTRA_STATUS_ID = 'opt_blocked';

export function buildDefinitions(options: { customFields: boolean; seed: number; statusReading?: StatusReading; slugs?: boolean; extraStatus?: string }): TaskDefinitions {
  const random = seededRandom(options.seed);
  const withIds = <T extends { id?: string | null }>(prefix: string, defs: Record<string, T>) =>
    Object.fromEntries(Object.entries(defs).map(([key, def]) => [key, { ...def, id: randomId(prefix, random) }]));
  const described = statusField(options.statusReading ?? 'seeds', random);
  const extra = options.extraStatus === undefined ? [] : [{ id: EXTRA_STATUS_ID, label: options.extraStatus }];
  const status = extra.length === 0 ? described : { ...described, typeConfiguration: { options: [...(described.typeConfiguration?.options ?? []), ...extra] } };
  return {
    objectType: 'task',
    fieldDefinitions: withIds('ad_', { ...SYSTEM_FIELDS, $status: status, ...(options.customFields ? customFields(options.seed) : {}) }),
    // Lightfield's Go SDK describes relationships without a slug, though the plugin filters by one.
    relationshipDefinitions: withIds('rd_', options.slugs === false ? Object.fromEntries(Object.entries(SYSTEM_RELATIONSHIPS).map(([key, { slug: _slug, ...rest }]) => [key, rest])) : SYSTEM_RELATIONSHIPS),
  };
}

/** How a server of `reading` stores `status`. */
export function storedStatus(definitions: TaskDefinitions, reading: StatusReading, status: TaskStatus): string {
  if (reading === 'literals' || reading === 'noOptions') return status;
  return definitions.fieldDefinitions.$status?.typeConfiguration?.options?.[TASK_STATUSES.indexOf(status)]?.id ?? status;
}

/** What a server of `reading` stores for a written `$status`, or a 400 as for any select value it does not know. */
export function writtenStatus(definitions: TaskDefinitions, reading: StatusReading, written: unknown): string {
  const options = definitions.fieldDefinitions.$status?.typeConfiguration?.options ?? [];
  const byOptions = reading === 'seeds' || reading === 'optionIds';
  if (byOptions && options.some((option) => option.id === written)) return written as string;
  if (!byOptions) {
    const literal = TASK_STATUSES.find((status) => status === written);
    if (literal) return literal;
    // Options listed in the literals' order: an option ID is stored as its literal.
    const index = options.findIndex((option) => option.id === written);
    if (index >= 0) return TASK_STATUSES[index];
  }
  const allowed = byOptions ? options.map((option) => option.id) : TASK_STATUSES;
  throw new HttpError(400, `Field $status expects one of ${allowed.join(', ')}.`, 'invalid_type', 'fields.$status');
}
