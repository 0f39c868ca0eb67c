/** The erp-system-api's own PostgreSQL schema: its outbox and inbox where it has them, idempotency keys and audit trail. */
export const ERP_SYSTEM_API_SCHEMA = 'erp_system_api';
