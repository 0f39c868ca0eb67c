/** The plm-system-api's own PostgreSQL schema: its outbox and inbox where it has them, idempotency keys and audit trail. */
export const PLM_SYSTEM_API_SCHEMA = 'plm_system_api';
