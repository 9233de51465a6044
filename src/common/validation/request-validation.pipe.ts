import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from '../errors/app-error';
import { toFieldErrors } from './field-messages';

const shared = {
  transform: true,
  whitelist: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
  exceptionFactory: (errors: Parameters<typeof toFieldErrors>[0]) => new ValidationFailed(toFieldErrors(errors)),
};

/**
 * Bodies reject unknown fields (contract §2); query strings ignore unknown parameters, as
 * list endpoints of DRF-style APIs do (clients add cache busters and the like).
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly body = new ValidationPipe({ ...shared, forbidNonWhitelisted: true });
  private readonly query = new ValidationPipe({ ...shared, forbidNonWhitelisted: false });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const isDto = metadata.metatype !== undefined && metadata.metatype !== Object && metadata.metatype !== Array;
    if (metadata.type === 'body' && isDto) {
      // No body at all reads as an empty object, so each required field is reported.
      if (value === undefined || value === null || value === '') value = {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw ValidationFailed.general('Invalid data. Expected a dictionary.');
      }
    }
    return metadata.type === 'query' ? this.query.transform(value, metadata) : this.body.transform(value, metadata);
  }
}
