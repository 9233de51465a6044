import type { ValidationError } from 'class-validator';
import type { FieldErrors } from '../errors/app-error';

const REQUIRED = new Set(['isDefined', 'isNotEmpty']);
export const NOT_ALLOWED = 'This field is not allowed.';
/** When a value has the wrong type, range and length rules say nothing useful: report the type alone. */
const TYPE_CHECKS = new Set(['isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isDateString', 'isISO8601']);

function numberIn(message: string): string {
  return message.match(/-?\d+(\.\d+)?/)?.[0] ?? '';
}

/** DRF's wording for class-validator's built-in constraints, so clients of 000/004 see familiar text. */
function drfMessage(constraint: string, message: string, value: unknown): string {
  switch (constraint) {
    case 'whitelistValidation':
      return NOT_ALLOWED;
    case 'isString':
      return 'Not a valid string.';
    case 'isInt':
      return 'A valid integer is required.';
    case 'isNumber':
    case 'isNumberString':
      return 'A valid number is required.';
    case 'isBoolean':
      return 'Must be a valid boolean.';
    case 'isEmail':
      return 'Enter a valid email address.';
    case 'isUrl':
      return 'Enter a valid URL.';
    case 'isIn':
    case 'isEnum':
      return `"${String(value)}" is not a valid choice.`;
    case 'maxLength':
      return `Ensure this field has no more than ${numberIn(message)} characters.`;
    case 'minLength':
      return `Ensure this field has at least ${numberIn(message)} characters.`;
    case 'max':
      return `Ensure this value is less than or equal to ${numberIn(message)}.`;
    case 'min':
      return `Ensure this value is greater than or equal to ${numberIn(message)}.`;
    case 'isDateString':
    case 'isISO8601':
      return 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.';
    case 'isArray':
      return 'Expected a list of items.';
    case 'isObject':
    case 'nestedValidation':
      return 'Invalid data. Expected a dictionary.';
    case 'arrayMaxSize':
      return `Ensure this field has no more than ${numberIn(message)} elements.`;
    case 'arrayMinSize':
      return `Ensure this field has at least ${numberIn(message)} elements.`;
    default:
      return 'Invalid value.';
  }
}

function messagesFor(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  const all = Object.keys(constraints);
  const typeErrors = all.filter((k) => TYPE_CHECKS.has(k));
  const keys = typeErrors.length > 0 && !all.some((k) => REQUIRED.has(k) || k === 'whitelistValidation') ? typeErrors : all;
  if (keys.length === 0) return [];
  const missing = keys.some((k) => REQUIRED.has(k)) || error.value === undefined || error.value === null;
  if (missing && keys.every((k) => k !== 'whitelistValidation')) {
    if (error.value === undefined) return ['This field is required.'];
    if (error.value === null) return ['This field may not be null.'];
    if (error.value === '') return ['This field may not be blank.'];
  }
  // A message we wrote on a decorator is kept; class-validator's own ("<field> must be ...") is reworded.
  const isDefault = (k: string) => k === 'whitelistValidation' || constraints[k].startsWith(`${error.property} `);
  const messages = keys.map((k) => (isDefault(k) ? drfMessage(k, constraints[k], error.value) : constraints[k]));
  return [...new Set(messages)];
}

/** Flattens class-validator errors into `{field: [messages]}`; nested paths read `items[0].quantity`. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const path = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const messages = messagesFor(error);
    if (messages.length > 0) fields[path] = messages;
    if (error.children?.length) Object.assign(fields, toFieldErrors(error.children, path));
  }
  return fields;
}
