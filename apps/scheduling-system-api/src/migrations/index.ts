import { messagingTablesMigration } from '@threadline/messaging';
import { auditTrailMigration } from '@threadline/gateway-auth';
import { idempotencyTableMigration } from '@threadline/platform';

/** The scheduler owns the scheduling data; this schema holds only the messaging outbox and inbox and the Idempotency-Key records and the audit trail. */
export const SCHEDULING_SYSTEM_API_MIGRATIONS = [messagingTablesMigration('scheduling_system_api'), idempotencyTableMigration('scheduling_system_api'), auditTrailMigration('scheduling_system_api')];
