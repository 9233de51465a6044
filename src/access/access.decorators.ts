import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/errors/error-body.dto';
import type { Permission } from './permissions';

export const ACCESS_RULE = 'stockroom:accessRule';

/**
 * What a route needs. `company`: the permission must be held company-wide (by the user's
 * company role). `warehouse`: holding it in any warehouse gets past the guard, and the
 * service checks the warehouse the request touches (AccessService.assert).
 */
export type AccessRule = { kind: 'authenticated' } | { kind: 'permission'; permission: Permission; scope: 'company' | 'warehouse' };

/** Any signed-in user of the company (their own profile, logout, ...). */
export const Authenticated = () =>
  applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule), ApiExtension('x-permission', 'authenticated'));

export const RequirePermission = (permission: Permission, scope: 'company' | 'warehouse' = 'company') =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'permission', permission, scope } satisfies AccessRule),
    ApiExtension('x-permission', permission),
    ApiForbiddenResponse({ description: `Needs the ${permission} permission`, type: ErrorBodyDto }),
  );
