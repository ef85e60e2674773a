/** What Close can do as the product sees it, where it lives, and its task types' names: known before its adapter loads. */
import type { Capabilities } from '../domain';

export const DEFAULT_CLOSE_BASE_URL = 'https://api.close.com/api/v1';

/** The largest page Close lists. */
export const MAX_PAGE_SIZE = 100;

/** How each task type reads in a list, where Close leaves `text` empty (it fills it on lead and SMS tasks only). */
export const TYPE_NAMES: Record<string, string> = {
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
  idempotentWrites: false,
  trash: false,
  belongsTo: { objectType: 'lead', label: 'Lead' },
  // A task's lead is described with its name already (see the lead field).
  namedRecords: [],
  // Close's task list has no filter on the text.
  titleSearch: false,
  maxPageSize: MAX_PAGE_SIZE,
  // `date` is a day (all day in the user's zone) or a date-time.
  dueDays: true,
  descriptions: false,
  parent: { label: 'Lead' },
  taskIdPattern: 'task_[A-Za-z0-9]+',
  key: { placeholder: 'api_…', where: 'Create a key in Close under Settings → Developer → API Keys.' },
};
