import { Conflict, NotFound, ValidationFailed } from '../common/errors/app-error';

export class MemberNotFound extends NotFound {
  constructor() {
    super('Team member not found.');
  }
}

export class RoleNotFound extends NotFound {
  constructor(id?: number) {
    super(id === undefined ? 'Role not found.' : `Role ${id} not found.`);
  }
}

export class LastAdmin extends Conflict {
  constructor() {
    super('The company needs at least one active admin; make someone else admin first.');
  }
}

export class RoleInUse extends Conflict {
  constructor(members: number) {
    super(`This role is assigned ${members} time(s); remove those assignments first.`);
  }
}

export class DuplicateRoleName extends ValidationFailed {
  constructor() {
    super({ name: ['A role with this name already exists.'] });
  }
}
