import type { Context } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { APP_ATTRIBUTE, appOf } from './tracing';

/**
 * Writes `threadline.app` on every span started inside an app's scope (inAppScope): its requests,
 * the calls and queries they make, its jobs and consumers. In the one-process launcher this is
 * what tells the nine apps' spans apart; run alone, it repeats service.name.
 */
export class AppSpanProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    const app = appOf(parentContext);
    if (app) span.setAttribute(APP_ATTRIBUTE, app);
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Exports each span under the resource of its app (service.name = `threadline.app`), so that a
 * trace viewer shows plm-system-api, process-api, ... as services even when one process (the
 * launcher, service.name `threadline`) runs them all. Spans of no app keep the process's resource.
 */
export class AppResourceExporter implements SpanExporter {
  private readonly resources = new Map<string, Resource>();

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(
      spans.map((span) => this.underItsApp(span)),
      resultCallback,
    );
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  private underItsApp(span: ReadableSpan): ReadableSpan {
    const app = span.attributes[APP_ATTRIBUTE];
    if (typeof app !== 'string' || span.resource.attributes[ATTR_SERVICE_NAME] === app) return span;
    let resource = this.resources.get(app);
    if (!resource) {
      // One Resource object per app: the OTLP exporter groups spans by resource identity.
      resource = span.resource.merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: app }));
      this.resources.set(app, resource);
    }
    // The span itself is left alone (other processors may hold it); the exporter sees it under its app.
    return Object.create(span, { resource: { value: resource } }) as ReadableSpan;
  }
}
