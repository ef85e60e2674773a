/**
 * Who a person is and whom new tasks go to, in one order everywhere, and the one
 * member picker. "Me" is the key's own member where the service says, else the
 * member remembered for this connection, else the configured default assignee; a
 * new task goes to the configured default assignee, else to me.
 */
import * as vscode from 'vscode';
import type { Member } from '../api/domain';
import type { Session } from '../auth/session';
import type { ProviderCache } from '../tasks/providerCache';
import type { ErrorReporter } from './errorReporter';
import { showWarning } from './notify';
import { iconText } from './safeText';

export interface People {
  session: Session;
  members: ProviderCache<Map<string, Member>>;
  errors: ErrorReporter;
  /** `lightfield.defaultAssignee`, '' when unset. */
  configuredAssignee: () => string;
  /** The member remembered as "me" for this connection, if any. */
  rememberedMe: () => string | undefined;
}

export function whoIsMe(people: People): string | undefined {
  return people.session.me ?? people.rememberedMe() ?? (people.configuredAssignee() || undefined);
}

export function defaultAssignee(people: People): string | undefined {
  return people.configuredAssignee() || whoIsMe(people);
}

/** A member picked from the service's active members; undefined when dismissed or when the key may not list them (said why). */
export async function pickMember(people: People, options: { title?: string; placeHolder: string }): Promise<Member | undefined> {
  if (!people.session.can('readMembers')) {
    void showWarning(vscode.l10n.t('Your API key cannot list members. Set lightfield.defaultAssignee to a member ID instead.'));
    return undefined;
  }
  let members: Map<string, Member>;
  try {
    members = await people.members.get();
  } catch (error) {
    people.errors.report(vscode.l10n.t('Could not list members'), error);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    [...members.values()].filter((member) => !member.inactive).map((member) => ({ label: iconText(member.name), description: iconText(member.id), member })),
    { ...options, matchOnDescription: true },
  );
  return picked?.member;
}
