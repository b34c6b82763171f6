import { SetMetadata } from '@nestjs/common';

/** Same key the auth guard reads; lives here so libs/common does not depend on libs/auth. */
export const IS_PUBLIC = 'spotcheck:public';
export const Public = () => SetMetadata(IS_PUBLIC, true);
