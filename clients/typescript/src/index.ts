export { InventoryAPI, API_VERSION } from './api.js';
export { StockroomClient, StockroomError } from './runtime.js';
export type { InventoryAPIOptions, RequestOptions } from './runtime.js';
export type { components, operations, paths } from './schema.js';

import type { components } from './schema.js';
/** A schema of the API by name, e.g. `Schema<'OrderDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
