import { NotFound, ValidationFailed } from '../common/errors/app-error';

export class WarehouseNotFound extends NotFound {
  constructor() {
    super('Warehouse not found.');
  }
}

export class DuplicateWarehouseCode extends ValidationFailed {
  constructor() {
    super({ code: ['A warehouse with this code already exists in your company.'] });
  }
}
