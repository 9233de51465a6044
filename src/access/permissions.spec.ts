import { LEGACY_ROLE_PERMISSIONS, PERMISSION_NAMES } from './permissions';

describe('legacy role permissions', () => {
  const writes = PERMISSION_NAMES.filter((p) => !p.endsWith('.read'));

  it('lets admins do everything', () => {
    expect([...LEGACY_ROLE_PERMISSIONS.admin].sort()).toEqual([...PERMISSION_NAMES].sort());
  });

  it('lets viewers read everything and write nothing', () => {
    for (const p of writes) expect(LEGACY_ROLE_PERMISSIONS.viewer.has(p)).toBe(false);
    for (const p of PERMISSION_NAMES.filter((n) => n.endsWith('.read'))) expect(LEGACY_ROLE_PERMISSIONS.viewer.has(p)).toBe(true);
  });

  it('keeps operators away from warehouses, team, gateways and integrations', () => {
    for (const p of ['warehouses.write', 'team.manage', 'payments.write', 'integrations.manage', 'settings.manage'] as const) {
      expect(LEGACY_ROLE_PERMISSIONS.operator.has(p)).toBe(false);
    }
    expect(LEGACY_ROLE_PERMISSIONS.operator.has('inventory.write')).toBe(true);
  });

  it('keeps managers away from the team and company settings', () => {
    expect(LEGACY_ROLE_PERMISSIONS.manager.has('team.manage')).toBe(false);
    expect(LEGACY_ROLE_PERMISSIONS.manager.has('settings.manage')).toBe(false);
    expect(LEGACY_ROLE_PERMISSIONS.manager.has('warehouses.write')).toBe(true);
  });
});
