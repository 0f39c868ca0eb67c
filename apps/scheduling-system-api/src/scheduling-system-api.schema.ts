/** The scheduling-system-api's own PostgreSQL schema: its outbox and inbox where it has them, idempotency keys and audit trail. */
export const SCHEDULING_SYSTEM_API_SCHEMA = 'scheduling_system_api';
