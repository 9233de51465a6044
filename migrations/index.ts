import { Foundation1764133200000 } from './1764133200000-foundation';

/** Every migration, oldest first. A new migration is added at the end. */
export const migrations = [Foundation1764133200000];
