import type { LegacyRole } from '../accounts/entities/user.entity';

/** Every permission a role can hold. Routes name one of these with @RequirePermission. */
export const PERMISSIONS = {
  'warehouses.read': 'See warehouses and their locations',
  'warehouses.write': 'Create, change and delete warehouses and their locations',
  'products.read': 'See the product catalog',
  'products.write': 'Create, change and delete products',
  'inventory.read': 'See stock levels and movements',
  'inventory.write': 'Change stock: adjustments, transfers, counts, imports',
  'orders.read': 'See orders and customers',
  'orders.write': 'Create and progress orders; manage customers',
  'shipping.read': 'See shipments and shipping analytics',
  'shipping.write': 'Create and update shipments',
  'payments.read': 'See payment transactions and gateways',
  'payments.write': 'Record payments and configure payment gateways',
  'integrations.manage': 'Marketplace connections, webhooks and integration keys',
  'events.read': 'Read the events feed (what webhooks deliver)',
  'reports.read': 'Dashboards, analytics and the audit log',
  'team.read': 'See the team directory and roles',
  'team.manage': 'Add, change and remove team members; define roles',
  'settings.manage': 'Change company information',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

const reads = PERMISSION_NAMES.filter((p) => p.endsWith('.read'));

/**
 * What each legacy role may do: viewers only read; operators move stock and
 * work orders and shipments but manage no warehouses, team, gateways or integrations;
 * managers run the warehouse side but not the team or company settings; admins do all.
 */
export const LEGACY_ROLE_PERMISSIONS: Record<LegacyRole, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSION_NAMES),
  manager: new Set<Permission>([...reads, 'warehouses.write', 'products.write', 'inventory.write', 'orders.write', 'shipping.write', 'payments.write']),
  operator: new Set<Permission>([...reads, 'products.write', 'inventory.write', 'orders.write', 'shipping.write']),
  viewer: new Set<Permission>(reads),
};
