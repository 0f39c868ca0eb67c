import { Logger } from '@nestjs/common';
import { ConfigError } from '../config/load-config';
import { ContextLogger, runAsApp } from '../logging/context-logger';

/**
 * Entry point of `node dist/apps/<app>/main.js`: starts the app, stops it cleanly on SIGINT or
 * SIGTERM, and turns a configuration error into one clear line and exit code 2.
 */
export function runStandalone(name: string, start: () => Promise<{ close(): Promise<void> }>): void {
  const logger = new Logger(name);
  // The app's logger from the first line on; a bad LOG_LEVEL is a configuration error like any other.
  const begin = (): Promise<{ close(): Promise<void> }> => {
    Logger.overrideLogger(new ContextLogger({ app: name }));
    return runAsApp(name, start);
  };
  Promise.resolve().then(begin).then(
    (running) => {
      let closing = false;
      const stop = (signal: string): void => {
        if (closing) return;
        closing = true;
        logger.log(`${signal}: shutting down`);
        running.close().then(
          () => process.exit(0),
          (error: Error) => {
            logger.error(`shutdown failed: ${error.message}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    },
    (error: Error) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(2);
      }
      logger.error(`failed to start: ${error.message}`, error.stack);
      process.exit(1);
    },
  );
}
