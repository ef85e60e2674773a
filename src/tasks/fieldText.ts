/** Field values as plain text, from their definitions. No `vscode` here. */
import type { Address, FieldDefinition, FieldValue, FullName } from '../api/model';

export function fieldText(value: FieldValue, definition: FieldDefinition | undefined): string {
  if (value === null || value === undefined) return '';
  const plain = (v: FieldValue): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  const options = definition?.typeConfiguration?.options ?? [];
  const optionLabel = (id: string) => options.find((option) => option.id === id)?.label ?? id;
  switch (definition?.valueType) {
    case 'SINGLE_SELECT':
      return typeof value === 'string' ? optionLabel(value) : plain(value);
    case 'MULTI_SELECT':
      return Array.isArray(value) ? value.map(optionLabel).join(', ') : plain(value);
    case 'CHECKBOX':
      return value === true ? 'Yes' : 'No';
    case 'DATETIME':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toLocaleString() : plain(value);
    case 'CURRENCY':
      return typeof value === 'number' && definition.typeConfiguration?.currency
        ? new Intl.NumberFormat(undefined, { style: 'currency', currency: definition.typeConfiguration.currency }).format(value)
        : plain(value);
    default:
      break;
  }
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') {
    const record = value as Address & FullName;
    if ('firstName' in record || 'lastName' in record) return [record.firstName, record.lastName].filter(Boolean).join(' ');
    return [record.street, record.street2, record.city, record.state, record.postalCode, record.country].filter(Boolean).join(', ');
  }
  return String(value);
}
