export * from './cloud-event';
export * from './event-bus';
export * from './messaging.migration';
export * from './messaging.service';
export * from './messaging.module';
export * from './sql-executor';
