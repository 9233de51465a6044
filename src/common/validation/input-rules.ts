import { applyDecorators } from '@nestjs/common';
import type { ValidationArguments } from 'class-validator';
import { getMetadataStorage, IsNumber, Max, Min, ValidateBy } from 'class-validator';
import type { FieldErrors } from '../errors/app-error';

/**
 * Rules every request field follows, whatever DTO declares it, so no DTO can forget them:
 * - `null` is a value only where the OpenAPI document marks the field nullable (and then
 *   means "clear it"); elsewhere it is a field error, never a silent default.
 * - integers fit the 32-bit columns that hold them;
 * - text holds no NUL or other control characters; tab, CR and LF only in multi-line fields.
 */

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;
/** Deeper JSON than this is no request of ours; refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 32;

const MULTI_LINE = 'multiLine';
/** Where @nestjs/swagger keeps a property's ApiProperty options (its DECORATORS constant, not exported). */
const API_PROPERTY = 'swagger/apiModelProperties';
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** Marks a text field that may hold line breaks and tabs (notes, descriptions). */
export const MultiLine = () => ValidateBy({ name: MULTI_LINE, validator: { validate: () => true } });

type Instance = Record<string, unknown>;

/** What each DTO class declares, read once per class from class-validator's metadata. */
interface ClassRules {
  integers: Set<string>;
  multiLine: Set<string>;
  /** One nested object (`@ValidateNested()` without `each`): an array there is not one. */
  singleObjects: Set<string>;
  /** Accepted and ignored (`@Allow()` alone): a client may send back what it read. */
  ignored: Set<string>;
}
const rulesByClass = new Map<object, ClassRules>();

function rulesOf(cls: new (...args: never[]) => object): ClassRules {
  let rules = rulesByClass.get(cls);
  if (!rules) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    const validated = new Set(metadata.filter((m) => m.type !== 'whitelistValidation').map((m) => m.propertyName));
    rules = {
      integers: new Set(metadata.filter((m) => m.name === 'isInt').map((m) => m.propertyName)),
      multiLine: new Set(metadata.filter((m) => m.name === MULTI_LINE).map((m) => m.propertyName)),
      singleObjects: new Set(metadata.filter((m) => m.type === 'nestedValidation' && !m.each).map((m) => m.propertyName)),
      ignored: new Set(metadata.filter((m) => m.type === 'whitelistValidation' && !validated.has(m.propertyName)).map((m) => m.propertyName)),
    };
    rulesByClass.set(cls, rules);
  }
  return rules;
}

/** Whether the OpenAPI document (the field's ApiProperty) says this field may be null. */
function documentedNullable(instance: object, key: string): boolean {
  const property = Reflect.getMetadata(API_PROPERTY, instance, key) as { nullable?: boolean } | undefined;
  return property?.nullable === true;
}

/** What is wrong with a text value (NUL, control characters, line breaks where one line is expected), if anything. */
export function textProblem(value: string, multiLine: boolean): string | undefined {
  if (value.includes('\u0000')) return 'Null characters are not allowed.';
  if (CONTROL.test(value)) return 'Control characters are not allowed.';
  if (!multiLine && LINE_BREAK_OR_TAB.test(value)) return 'Line breaks and tabs are not allowed in this field.';
  return undefined;
}

function isDtoInstance(value: unknown): value is Instance {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && value.constructor !== Object;
}

/** Checks a transformed DTO instance (after class-validator) against the rules above. */
export function inputRuleErrors(instance: object, prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  const rules = rulesOf(instance.constructor as new (...args: never[]) => object);
  const add = (path: string, message: string) => (fields[path] ??= []).push(message);
  for (const [key, value] of Object.entries(instance as Instance)) {
    if (rules.ignored.has(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const check = (v: unknown, at: string, nullable: boolean) => {
      if (v === null) {
        if (!nullable) add(at, 'This field may not be null.');
      } else if (typeof v === 'string') {
        const problem = textProblem(v, rules.multiLine.has(key));
        if (problem) add(at, problem);
      } else if (typeof v === 'number' && rules.integers.has(key)) {
        if (v > INT32_MAX) add(at, `Ensure this value is less than or equal to ${INT32_MAX}.`);
        else if (v < INT32_MIN) add(at, `Ensure this value is greater than or equal to ${INT32_MIN}.`);
      } else if (isDtoInstance(v)) {
        Object.assign(fields, inputRuleErrors(v, at));
      }
    };
    if (Array.isArray(value) && rules.singleObjects.has(key)) add(path, 'An object is required, not a list.');
    else if (Array.isArray(value)) value.forEach((v, i) => check(v, `${path}[${i}]`, false));
    else check(value, path, documentedNullable(instance, key));
  }
  return fields;
}

/** The nesting depth of parsed JSON, counted without recursion (the input may be hostile). */
export function exceedsDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/** At most `places` decimals, also for numbers JavaScript prints in exponent form (1e-9). */
export const MaxDecimals = (places: number) =>
  ValidateBy({
    name: 'maxDecimals',
    constraints: [places],
    validator: {
      validate: (value: unknown) => typeof value !== 'number' || (Number.isFinite(value) && Number(value.toFixed(places)) === value),
      defaultMessage: (args?: ValidationArguments) =>
        `A valid number with at most ${['no', 'one', 'two', 'three'][args?.constraints[0] as number] ?? String(args?.constraints[0])} decimals is required.`,
    },
  });

/** The largest amount a `numeric(12,2)` money column holds. */
export const MAX_MONEY = 9_999_999_999.99;

/** A money amount: a JSON number with at most two decimals, within its column. */
export const IsMoney = (min = 0) => applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), MaxDecimals(2), Min(min), Max(MAX_MONEY));
