/**
 * Idempotency keys, one scheme for every write: the same request for the same
 * thing gives the same key, so a retry or a double click is applied once. The
 * payload is part of the key, since a service answers a known key with its first
 * result whatever the body: the same TODO made into another task (another title,
 * assignee or date) is a new request.
 */
import { createHash } from 'node:crypto';

function keyOf(kind: string, parts: unknown[]): string {
  return `${kind}-${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}

/** A new task from the editor's form at `uri`. */
export function editorCreateKey(uri: string, payload: unknown): string {
  return keyOf('create', [uri, payload]);
}

/** An edit of a task, made against the version the editor showed. */
export function updateKey(id: string, updatedAt: string | undefined, update: unknown): string {
  return keyOf('update', [id, updatedAt ?? '', update]);
}

/** A task made from a TODO: the same comment, in the same file of the same workspace. */
export function todoCreateKey(workspace: string, relativePath: string, text: string, payload: unknown): string {
  return keyOf('todo', [workspace, relativePath, text, payload]);
}

/** A task an agent's tool creates: the same draft asked for again is the same request. */
export function agentCreateKey(draft: unknown): string {
  return keyOf('agent', [draft]);
}
