/**
 * Close's Advanced Filtering API (`POST /data/search/`) for leads, as far as a
 * lead search by name needs it: `and`, `or`, `object_type`, `match_all`, and a
 * `field_condition` on the lead's name with a `text` condition. An answer holds
 * only `__object_type` and `id` unless `_fields` asks for more.
 */
import type { CloseLead } from './closeData';
import { CloseError } from './closeErrors';

const MAX_LIMIT = 200;

type Query = Record<string, unknown>;

function refused(why: string): never {
  throw new CloseError(400, 'Invalid request.', { query: why });
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function textMatches(name: string, condition: Query): boolean {
  if (condition.type !== 'text' || typeof condition.value !== 'string') refused('A text condition has a value.');
  const value = condition.value.toLowerCase();
  switch (condition.mode ?? 'full_words') {
    case 'beginning_of_words':
      return words(value).every((part) => words(name).some((word) => word.startsWith(part)));
    case 'full_words':
      return words(value).every((part) => words(name).includes(part));
    case 'phrase':
      return name.toLowerCase().includes(value);
    default:
      return refused('Unknown text mode.');
  }
}

function matches(lead: CloseLead, query: unknown): boolean {
  if (!query || typeof query !== 'object') refused('A query is an object.');
  const node = query as Query;
  switch (node.type) {
    case 'and':
    case 'or': {
      if (!Array.isArray(node.queries)) refused(`An ${node.type} query has queries.`);
      const results = node.queries.map((inner) => matches(lead, inner));
      return node.type === 'and' ? results.every(Boolean) : results.some(Boolean);
    }
    case 'match_all':
      return true;
    case 'object_type':
      return node.object_type === 'lead';
    case 'field_condition': {
      const field = node.field as Query | undefined;
      if (field?.type !== 'regular_field' || field.object_type !== 'lead' || !['name', 'display_name'].includes(String(field.field_name))) refused('Only a lead\'s name is searched here.');
      return textMatches(lead.display_name, (node.condition ?? {}) as Query);
    }
    default:
      return refused(`Unknown query type ${JSON.stringify(node.type)}.`);
  }
}

export function searchLeads(leads: readonly CloseLead[], body: Record<string, unknown>): { data: Record<string, unknown>[]; cursor: null } {
  const limit = body._limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new CloseError(400, 'Invalid request.', { _limit: `Up to ${MAX_LIMIT}.` });
  const asked = (body._fields as { lead?: unknown } | undefined)?.lead;
  const fields = Array.isArray(asked) ? asked.filter((name): name is string => typeof name === 'string') : [];
  const found = leads.filter((lead) => matches(lead, body.query)).slice(0, limit);
  return {
    data: found.map((lead) => ({ __object_type: 'lead', id: lead.id, ...Object.fromEntries(fields.filter((name) => name in lead).map((name) => [name, (lead as unknown as Record<string, unknown>)[name]])) })),
    cursor: null,
  };
}
