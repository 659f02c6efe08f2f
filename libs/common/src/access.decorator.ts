import { SetMetadata } from '@nestjs/common';
import type { Role } from '@scamintel/vocabulary';

export const ACCESS_KEY = 'scamintel:access';
export type AccessRule = Role | 'public';

/**
 * Who may call a route. Every route declares it: the guard refuses routes that do not (deny by default).
 * Roles do not nest (CONTRACT §3), so an admin key is not an analyst key.
 */
export const Access = (...rules: AccessRule[]) => SetMetadata(ACCESS_KEY, rules);
