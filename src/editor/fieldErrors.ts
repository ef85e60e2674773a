/** Where a refused save's errors belong in the form. No `vscode` here. */
import type { ApiError } from '../api/errors';
import type { FormModel } from '../shared/form';

/**
 * The messages of `error` at the form fields they name (the adapter has already
 * turned the service's error locations into field keys). Messages for fields this
 * form does not show are left out: the error's own message shows at the top.
 */
export function fieldErrorsOf(model: FormModel, error: Pick<ApiError, 'fieldErrors'>): Record<string, string> {
  const shown = new Set(model.fields.map((field) => field.key));
  return Object.fromEntries(Object.entries(error.fieldErrors ?? {}).filter(([key]) => shown.has(key)));
}
