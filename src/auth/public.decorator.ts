import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'stockroom:isPublic';

/** Opens a route to callers without credentials; every other route needs them. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
