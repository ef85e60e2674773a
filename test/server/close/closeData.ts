/** Deterministic sample data for the local Close server: users, leads, and tasks of several types. */
import { randomId, seededRandom } from '../random';
import { closeDateTime, dayOn, type UserClock } from './closeCalendar';

export interface CloseUser {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
}

/** A membership as `GET /organization/{id}/` lists it. */
export interface CloseMembership {
  user_id: string;
  user_full_name: string;
  user_email: string;
}

/** An organisation; a user may belong to several, and `GET /user/` lists the users of all of them. */
export interface CloseOrganization {
  id: string;
  name: string;
  memberships: CloseMembership[];
  inactive_memberships: CloseMembership[];
}

export interface CloseLead {
  id: string;
  display_name: string;
  /** The lead's page in Close's web app: tasks have no link of their own. */
  html_url: string;
}

/** A task as Close's resources/tasks page lists its properties. */
export interface CloseTask {
  id: string;
  _type: string;
  text: string;
  organization_id: string;
  lead_id: string | null;
  lead_name: string | null;
  contact_id: string | null;
  assigned_to: string;
  assigned_to_name: string;
  date: string | null;
  due_date: string | null;
  is_complete: boolean;
  is_dateless: boolean;
  priority: 'high' | 'medium' | null;
  resolution: 'abandoned' | 'skipped' | null;
  created_by: string;
  updated_by: string;
  date_created: string;
  date_updated: string;
  /** The fields of the other task types, as Close's tasks overview lists them; absent where a type has none. */
  subject?: string;
  emails?: { id: string; subject: string }[];
  email_id?: string;
  body_preview?: string;
  phone?: string;
  local_phone?: string;
  remote_phone?: string;
  contact_name?: string;
  voicemail_duration?: number;
  voicemail_url?: string;
  object_type?: string;
  object_id?: string;
}

export const TASK_TYPES = ['lead', 'outgoing_call', 'incoming_email', 'email_followup', 'missed_call', 'answered_detached_call', 'voicemail', 'incoming_sms', 'opportunity_due'] as const;

/**
 * What each type carries besides `text`, which Close fills only on lead and SMS tasks: an
 * email's subject, a call's phone and contact, an opportunity.
 */
function typeFields(type: string, lead: string, contact: string, index: number): Partial<CloseTask> {
  const phone = `+1 415 555 ${String(1000 + index).slice(-4)}`;
  switch (type) {
    case 'incoming_email':
      return { text: '', subject: `Re: ${lead} renewal`, emails: [{ id: `email_${index}`, subject: `Re: ${lead} renewal` }] };
    case 'email_followup':
      return { text: '', email_id: `email_${index}`, subject: `Pricing for ${lead}`, body_preview: 'Following up on our call…' };
    case 'missed_call':
    case 'answered_detached_call':
      return { text: '', phone, local_phone: '+1 415 555 0100', contact_name: contact };
    case 'voicemail':
      return { text: '', phone, local_phone: '+1 415 555 0100', contact_name: contact, voicemail_duration: 42, voicemail_url: `https://example.com/voicemail/${index}.mp3` };
    case 'incoming_sms':
      return { text: `Can we move the meeting? (${lead})`, remote_phone: phone, local_phone: '+1 415 555 0100' };
    case 'opportunity_due':
      return { text: '', object_type: 'opportunity', object_id: `oppo_${index}` };
    case 'outgoing_call':
      return { text: '', phone, contact_name: contact };
    default:
      return {};
  }
}

const PEOPLE = [['Ada', 'Lovelace'], ['Grace', 'Hopper'], ['Alan', 'Turing'], ['Edsger', 'Dijkstra'], ['Barbara', 'Liskov']] as const;
/** Members of the key's user's other organisation: listed by `GET /user/`, never a task's assignee here. */
const ELSEWHERE = [['Katherine', 'Johnson'], ['Margaret', 'Hamilton']] as const;
/** Of PEOPLE, the ones who left the organisation: inactive members. */
const LEFT = 1;
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises'];
const VERBS = ['Call', 'Follow up with', 'Send proposal to', 'Review contract of', 'Schedule demo for'];
const DAY = 24 * 60 * 60 * 1000;

export function userName(user: CloseUser): string {
  return `${user.first_name} ${user.last_name}`;
}

export interface CloseData {
  users: CloseUser[];
  organizations: CloseOrganization[];
  leads: CloseLead[];
  tasks: CloseTask[];
}

function membership(user: CloseUser): CloseMembership {
  return { user_id: user.id, user_full_name: userName(user), user_email: user.email };
}

/**
 * Tasks of every type, dated as Close dates them on the user's clock: most on a day,
 * some at a time (in Close's `+00:00` form), some dateless with their creation day.
 */
export function buildCloseData(options: { tasks: number; seed: number; now: number; clock: UserClock }): CloseData {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const person = ([first, last]: readonly [string, string]) => ({ id: randomId('user_', random), first_name: first, last_name: last, email: `${first.toLowerCase()}@example.com` });
  const home = PEOPLE.map(person);
  const elsewhere = ELSEWHERE.map(person);
  const active = home.slice(0, home.length - LEFT);
  const organizations: CloseOrganization[] = [
    { id: randomId('orga_', random), name: 'Example Sales', memberships: active.map(membership), inactive_memberships: home.slice(active.length).map(membership) },
    { id: randomId('orga_', random), name: 'Example Partners', memberships: [home[0], ...elsewhere].map(membership), inactive_memberships: [] },
  ];
  const users = [...home, ...elsewhere];
  const leads = COMPANIES.map((name) => {
    const id = randomId('lead_', random);
    return { id, display_name: name, html_url: `https://app.close.com/lead/${id}/` };
  });
  const tasks = Array.from({ length: options.tasks }, (_, index): CloseTask => {
    // Most are lead tasks; the rest are the other types, which only `_type=all` lists.
    // Every fourth another type, each in turn (a random number drawn all the same, so the rest of the sample stays as it was).
    const type = index % 4 === 3 ? (random(), TASK_TYPES[1 + (Math.floor(index / 4) % (TASK_TYPES.length - 1))]) : 'lead';
    const lead = pick(leads);
    const user = pick(active);
    const created = new Date(options.now - (options.tasks - index) * DAY / 4).toISOString();
    const dateless = random() < 0.15;
    const due = options.now + Math.round((random() * 20 - 8) * DAY);
    const contact = PEOPLE[index % PEOPLE.length].join(' ');
    return {
      id: randomId('task_', random),
      _type: type,
      text: `${pick(VERBS)} ${lead.display_name} #${index + 1}`,
      organization_id: organizations[0].id,
      lead_id: lead.id,
      lead_name: lead.display_name,
      contact_id: null,
      assigned_to: user.id,
      assigned_to_name: userName(user),
      // A dateless task keeps its creation day as its date, as Close's do; every fifth dated one is at a time, on the quarter hour.
      date: dateless ? dayOn(Date.parse(created), options.clock) : index % 5 === 2 ? closeDateTime(Math.round(due / 900_000) * 900_000) : dayOn(due, options.clock),
      due_date: null,
      is_complete: random() < 0.3,
      is_dateless: dateless,
      priority: random() < 0.2 ? 'high' : null,
      resolution: null,
      created_by: users[0].id,
      updated_by: users[0].id,
      date_created: created,
      date_updated: created,
      ...typeFields(type, lead.display_name, contact, index),
    };
  });
  return { users, organizations, leads, tasks };
}
