import { Module } from '@nestjs/common';
import { SystemApis } from './system-apis.client';

/** The process layer's one client of the three system APIs (HTTP, its own service token). */
@Module({ providers: [SystemApis], exports: [SystemApis] })
export class SystemApisModule {}
