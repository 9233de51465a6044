import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { FieldErrors, ValidationFailed } from '../errors/app-error';
import { NOT_ALLOWED, toFieldErrors } from './field-messages';
import { exceedsDepth, inputRuleErrors, MAX_JSON_DEPTH } from './input-rules';

type Dto = new () => object;

function isDto(metatype: ArgumentMetadata['metatype']): metatype is Dto {
  return metatype !== undefined && ![Object, Array, String, Number, Boolean].includes(metatype as never);
}

/** An unknown query parameter is named with the ones that are accepted: a misspelt filter must not look like one that worked. */
function explainUnknownParameters(fields: FieldErrors, dto: Dto): void {
  const unknown = Object.entries(fields).filter(([, messages]) => messages.includes(NOT_ALLOWED));
  if (unknown.length === 0) return;
  const accepted = [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(dto, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
  for (const [name] of unknown) fields[name] = [`Unknown query parameter "${name}". Accepted: ${accepted.join(', ')}.`];
}

/**
 * Validates every body and query DTO: class-validator's rules, then the rules every field
 * follows (input-rules.ts). Bodies reject unknown fields, and so do query
 * strings. All problems are reported at once.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && exceedsDepth(value)) {
      throw ValidationFailed.general(`Invalid data. JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted.`);
    }
    if ((metadata.type !== 'body' && metadata.type !== 'query') || !isDto(metadata.metatype)) return value;
    if (metadata.type === 'body') {
      // No body at all reads as an empty object, so each required field is reported.
      if (value === undefined || value === null || value === '') value = {};
      if (typeof value !== 'object' || Array.isArray(value)) throw ValidationFailed.general('Invalid data. Expected a dictionary.');
    }
    if (metadata.type === 'query' && value && typeof value === 'object' && '_' in value) {
      // jQuery-style cache-busters (`?_=1712345678`) are the one unknown parameter let through.
      const { _: _cacheBuster, ...rest } = value as Record<string, unknown>;
      value = rest;
    }
    const instance = plainToInstance(metadata.metatype, value ?? {}) as object;
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: true },
    });
    const fields: FieldErrors = toFieldErrors(errors);
    if (metadata.type === 'query') explainUnknownParameters(fields, metadata.metatype);
    for (const [path, messages] of Object.entries(inputRuleErrors(instance))) fields[path] ??= messages;
    if (Object.keys(fields).length > 0) throw new ValidationFailed(fields);
    return instance;
  }
}
