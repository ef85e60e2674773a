import * as vscode from 'vscode';
import type { Capabilities, TaskStatus } from '../api/domain';

/** The product's names of the statuses, in the user's language. */
const PRODUCT_LABELS: Record<TaskStatus, () => string> = {
  TODO: () => vscode.l10n.t('To do'),
  IN_PROGRESS: () => vscode.l10n.t('In progress'),
  COMPLETE: () => vscode.l10n.t('Complete'),
  CANCELLED: () => vscode.l10n.t('Cancelled'),
};

/** A status's name as the service calls it (Close's "Done" is the product's Complete), else the product's. */
export function statusLabel(status: TaskStatus, capabilities?: Capabilities): string {
  return capabilities?.statusLabels[status] ?? PRODUCT_LABELS[status]();
}
