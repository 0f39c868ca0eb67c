import {
  Body,
  CallHandler,
  Controller,
  Delete,
  DynamicModule,
  ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Module,
  NestInterceptor,
  Param,
  Put,
  SetMetadata,
} from '@nestjs/common';
import { APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { from, Observable, switchMap } from 'rxjs';
import { IS_PUBLIC_ROUTE } from '../http/public.decorator';
import { FaultInjector } from './fault-injector';
import { FaultProfileDto } from './fault-profile';

const FAULT_ADMIN_ROUTE = 'threadline:fault-admin';

export interface FaultInjectionOptions {
  /** The scope a request belongs to (e.g. its plant); undefined uses the `*` profile. */
  scopeOf?: (request: { url: string; params?: Record<string, string> }) => string | undefined;
  /**
   * Decorators for the admin controller (the gateway's @RequireScopes('mock:admin')); passed in
   * because platform must not depend on gateway-auth.
   */
  adminDecorators?: ClassDecorator[];
}

const FAULT_OPTIONS = Symbol('FAULT_OPTIONS');

@Injectable()
class FaultInterceptor implements NestInterceptor {
  constructor(
    private readonly injector: FaultInjector,
    private readonly reflector: Reflector,
    @Inject(FAULT_OPTIONS) private readonly options: FaultInjectionOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const targets = [context.getHandler(), context.getClass()];
    // Health and the admin API itself are never faulted: an operator must be able to undo a fault.
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, targets) || this.reflector.get<boolean>(FAULT_ADMIN_ROUTE, context.getClass())) {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<{ url: string; params?: Record<string, string> }>();
    const decision = this.injector.decide(this.options.scopeOf?.(request));
    // Without a fault profile (the usual case) the request goes straight on, with no promise.
    if (decision.kind === 'pass' && decision.delayMs === 0) return next.handle();
    return from(this.injector.applyDecision(decision)).pipe(switchMap(() => next.handle()));
  }
}

function createAdminController(decorators: ClassDecorator[]): new (...args: never[]) => unknown {
  @ApiTags('admin: fault injection')
  @SetMetadata(FAULT_ADMIN_ROUTE, true)
  @Controller('admin/faults')
  class FaultAdminController {
    constructor(private readonly injector: FaultInjector) {}

    @Get()
    @ApiOperation({ operationId: 'listFaultProfiles', summary: 'The fault profiles in force, per scope (`*` or a plant)' })
    @ApiOkResponse({ description: 'Map of scope to profile' })
    list(): Record<string, FaultProfileDto> {
      return this.injector.list();
    }

    @Put(':scope')
    @ApiOperation({ operationId: 'setFaultProfile', summary: 'Make the backend misbehave for one scope (`*` or a plant code)' })
    @ApiOkResponse({ type: FaultProfileDto })
    set(@Param('scope') scope: string, @Body() profile: FaultProfileDto): FaultProfileDto {
      this.injector.set(scope, profile);
      return profile;
    }

    @Delete()
    @HttpCode(204)
    @ApiOperation({ operationId: 'clearFaultProfiles', summary: 'Heal the backend: remove every fault profile' })
    clear(): void {
      this.injector.clear();
    }

    @Delete(':scope')
    @HttpCode(204)
    @ApiOperation({ operationId: 'clearFaultProfile', summary: 'Remove the fault profile of one scope' })
    clearOne(@Param('scope') scope: string): void {
      this.injector.clear(scope);
    }
  }
  for (const decorate of decorators) decorate(FaultAdminController);
  return FaultAdminController;
}

/**
 * Fault injection for a simulated backend: an admin API under /admin/faults and an interceptor
 * that applies the profile of each request's scope before the handler runs.
 */
@Module({})
export class FaultInjectionModule {
  static forRoot(options: FaultInjectionOptions = {}): DynamicModule {
    return {
      module: FaultInjectionModule,
      controllers: [createAdminController(options.adminDecorators ?? [])],
      providers: [
        FaultInjector,
        { provide: FAULT_OPTIONS, useValue: options },
        { provide: APP_INTERCEPTOR, useClass: FaultInterceptor },
      ],
      exports: [FaultInjector],
    };
  }
}
