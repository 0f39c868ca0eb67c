import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventBus } from './event-bus';
import { MessagingOptions, MessagingService } from './messaging.service';

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.messaging.stop();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forApp(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: MessagingService,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new MessagingService(
              options,
              dataSource,
              new EventBus({ databaseUrl: options.databaseUrl, applicationName: `threadline:${options.appName}:bus` }),
            ),
        },
        MessagingLifecycle,
      ],
      exports: [MessagingService],
    };
  }
}
