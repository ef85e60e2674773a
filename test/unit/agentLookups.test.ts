/** What the agent names in words, found as the service names it: members, records, task IDs, due dates. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Member, ParentChoice } from '../../src/api/domain';
import type { TaskProvider } from '../../src/api/provider';
import { CLOSE_CAPABILITIES } from '../../src/api/close/capabilities';
import { LIGHTFIELD_CAPABILITIES } from '../../src/api/lightfield/capabilities';
import { dueOf, memberIdOf, recordIdOf, recordsNamed, taskIdIn } from '../../src/agent/lookups';

const MEMBERS: Member[] = [
  { id: 'mem_1', name: 'Ada Lovelace' },
  { id: 'mem_2', name: 'Alan Turing' },
  { id: 'mem_3', name: 'Ada Byron' },
  { id: 'mem_4', name: 'Grace Hopper', inactive: true },
];

const directory = (me?: string) => ({ me: () => me, members: () => Promise.resolve(new Map(MEMBERS.map((member) => [member.id, member]))) });

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('accepted');
}

/** A Close-like provider whose lead search ignores its text, as a least kind server may. */
function closeLike(leads: ParentChoice[]): TaskProvider {
  return {
    capabilities: CLOSE_CAPABILITIES,
    searchParents: () => Promise.resolve(leads),
    nameRecords: (_type: string, ids: readonly string[]) => Promise.resolve(leads.filter((lead) => ids.includes(lead.id)).map((lead) => ({ id: lead.id, name: lead.label }))),
    searchRecords: () => Promise.resolve([]),
  } as unknown as TaskProvider;
}

describe('agent lookups', () => {
  it('finds a member by "me", ID, whole name or one partial match, and lists the candidates otherwise', async () => {
    assert.equal(await memberIdOf('me', directory('mem_2')), 'mem_2');
    assert.equal(await memberIdOf('mem_3', directory()), 'mem_3');
    assert.equal(await memberIdOf('ada lovelace', directory()), 'mem_1');
    assert.equal(await memberIdOf('Turing', directory()), 'mem_2');
    assert.match(await refusal(memberIdOf('Ada', directory())), /2 members match "Ada": give one of these IDs: mem_1 \("Ada Lovelace"\), mem_3 \("Ada Byron"\)/);
    assert.match(await refusal(memberIdOf('Grace', directory())), /No member is named "Grace"/, 'an inactive member is not offered');
    assert.match(await refusal(memberIdOf('me', directory())), /did not say who "me" is/);
  });

  it('names only records whose name holds the text, even when the service search ignores it', async () => {
    const provider = closeLike([{ id: 'lead_1', label: 'Acme Corp' }, { id: 'lead_2', label: 'Globex' }, { id: 'lead_3', label: 'Acme Labs' }]);
    assert.deepEqual((await recordsNamed(provider, 'globex')).map((record) => record.id), ['lead_2']);
    assert.equal(await recordIdOf(provider, 'Globex'), 'lead_2');
    assert.equal(await recordIdOf(provider, 'lead_3'), 'lead_3', 'by ID');
    assert.match(await refusal(recordIdOf(provider, 'Acme')), /2 leads match "Acme": give one of these IDs: lead_1 \("Acme Corp"\), lead_3 \("Acme Labs"\)/);
    assert.match(await refusal(recordIdOf(provider, 'Initech')), /No lead is named "Initech"/);
  });

  it('finds the task ID in a reference', () => {
    const known = (id: string) => id.startsWith('tsk_');
    assert.equal(taskIdIn('tsk_12', known), 'tsk_12');
    assert.equal(taskIdIn('TODO(tsk_12): ship it', known), 'tsk_12');
    assert.equal(taskIdIn('Refs tsk_9', known), 'tsk_9');
    assert.throws(() => taskIdIn('the Acme follow-up', known), /No task ID in "the Acme follow-up"/);
  });

  it('takes a day, a day and time in the user\'s zone, or an instant with an offset', () => {
    assert.equal(dueOf('2026-12-24', CLOSE_CAPABILITIES), CLOSE_CAPABILITIES.dueDays ? '2026-12-24' : new Date(2026, 11, 24, 17).toISOString());
    assert.equal(dueOf('2026-12-24 15:30', LIGHTFIELD_CAPABILITIES), new Date(2026, 11, 24, 15, 30).toISOString());
    assert.equal(dueOf('2026-12-24T15:30:00+01:00', LIGHTFIELD_CAPABILITIES), '2026-12-24T14:30:00.000Z');
    assert.throws(() => dueOf('next friday', LIGHTFIELD_CAPABILITIES), /due: "next friday" is not a date/);
    assert.throws(() => dueOf('2026-02-30', LIGHTFIELD_CAPABILITIES), /is not a date/);
  });
});
