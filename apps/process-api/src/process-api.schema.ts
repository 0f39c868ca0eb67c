/** The process API's own PostgreSQL schema: its tables, outbox, inbox, idempotency keys and audit trail. */
export const PROCESS_SCHEMA = 'process_api';
