/** Where a refused save's error belongs in the form. No `vscode` here. */
import type { FormModel } from '../shared/form';

/**
 * The form field a Lightfield error `param` names. `param` is a request location
 * (`fields.$title`, `relationships.$assignedTo`, `fields.bogus`); a location that
 * names no field of this form (or a header, say `Idempotency-Key`) gives undefined,
 * and the error shows at the top of the form.
 */
export function fieldOfParam(model: FormModel, param: string | undefined): string | undefined {
  const match = param === undefined ? null : /^(fields|relationships)\.(.+)$/.exec(param);
  if (!match) return undefined;
  const [, kind, key] = match;
  const field = model.fields.find((f) => f.key === key);
  return field && (field.kind === 'field') === (kind === 'fields') ? field.key : undefined;
}
