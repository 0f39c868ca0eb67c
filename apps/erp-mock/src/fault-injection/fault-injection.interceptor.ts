import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';

/**
 * Where fault injection plugs in (error rate, outage windows, slow responses, 429 with
 * Retry-After, set per plant through an admin endpoint). Every OData request passes here before
 * it reaches the data, so a later change only has to decide, from the request's plant, whether
 * to delay or fail it. Today every request passes through unchanged.
 */
@Injectable()
export class FaultInjectionInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle();
  }
}
