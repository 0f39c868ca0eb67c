import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventBus } from './event-bus';
import { MessagingOptions, MessagingService } from './messaging.service';

const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(MessagingService) private readonly messaging: MessagingService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.start();
  }

  /**
   * Before any onApplicationShutdown: the data source and the outgoing connection pools close
   * there, and jobs still in flight need them to finish.
   */
  async beforeApplicationShutdown(): Promise<void> {
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
