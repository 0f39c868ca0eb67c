import { messagingTablesMigration } from '@threadline/messaging';
import { auditTrailDetailsMigration, auditTrailMigration } from '@threadline/gateway-auth';
import { idempotencyKeyOwnerMigration, idempotencyTableMigration } from '@threadline/platform';
import { SCHEDULING_SYSTEM_API_SCHEMA } from '../scheduling-system-api.schema';
import { SchedulingSystemApiAnnouncedExceptions1766400000000 } from './1766400000000-announced-exceptions';

/**
 * The scheduler owns the scheduling data; this schema holds the messaging outbox and inbox, the
 * record of announced exceptions, the Idempotency-Key records and the audit trail.
 */
export const SCHEDULING_SYSTEM_API_MIGRATIONS = [
  messagingTablesMigration(SCHEDULING_SYSTEM_API_SCHEMA),
  idempotencyTableMigration(SCHEDULING_SYSTEM_API_SCHEMA),
  auditTrailMigration(SCHEDULING_SYSTEM_API_SCHEMA),
  auditTrailDetailsMigration(SCHEDULING_SYSTEM_API_SCHEMA),
  idempotencyKeyOwnerMigration(SCHEDULING_SYSTEM_API_SCHEMA),
  SchedulingSystemApiAnnouncedExceptions1766400000000,
];
