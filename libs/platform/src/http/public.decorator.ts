import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_ROUTE = 'threadline:public-route';

/** Marks a route that needs no token (health, JWKS, the IdP's token endpoint). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_ROUTE, true);
