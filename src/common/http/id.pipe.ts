import { Injectable, PipeTransform } from '@nestjs/common';
import { NotFound } from '../errors/app-error';

const MAX_ID = 2_147_483_647;

/** A path id as a number, or null when the text names no object (not a positive integer in range). */
export function pathId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id < 1 || id > MAX_ID ? null : id;
}

/** Path ids are positive integers; anything else names no object, so 404 (as DRF's <int:pk>). */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = pathId(value);
    if (id === null) throw new NotFound();
    return id;
  }
}
