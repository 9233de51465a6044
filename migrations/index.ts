import { Foundation1764133200000 } from './1764133200000-foundation';
import { RolesAndAssignments1764136800000 } from './1764136800000-roles-and-assignments';

/** Every migration, oldest first. A new migration is added at the end. */
export const migrations = [Foundation1764133200000, RolesAndAssignments1764136800000];
