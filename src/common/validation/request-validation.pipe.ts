import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FieldErrors, ValidationFailed } from '../errors/app-error';
import { toFieldErrors } from './field-messages';
import { exceedsDepth, inputRuleErrors, MAX_JSON_DEPTH } from './input-rules';

type Dto = new () => object;

function isDto(metatype: ArgumentMetadata['metatype']): metatype is Dto {
  return metatype !== undefined && ![Object, Array, String, Number, Boolean].includes(metatype as never);
}

/**
 * Validates every body and query DTO: class-validator's rules, then the rules every field
 * follows (input-rules.ts). Bodies reject unknown fields (contract §2); query strings ignore
 * unknown parameters, as list endpoints of DRF-style APIs do. All problems are reported at once.
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
    const instance = plainToInstance(metadata.metatype, value ?? {}) as object;
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: metadata.type === 'body',
      forbidUnknownValues: true,
      validationError: { target: false, value: true },
    });
    const fields: FieldErrors = toFieldErrors(errors);
    for (const [path, messages] of Object.entries(inputRuleErrors(instance))) fields[path] ??= messages;
    if (Object.keys(fields).length > 0) throw new ValidationFailed(fields);
    return instance;
  }
}
