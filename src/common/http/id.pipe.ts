import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFound } from '../errors/app-error';

const MAX_ID = 2_147_483_647;

/** Path ids are positive integers; anything else names no object, so 404 (as DRF's <int:pk>). */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value)) throw new NotFound();
    const id = Number(value);
    if (id < 1 || id > MAX_ID) throw new NotFound();
    return id;
  }
}
