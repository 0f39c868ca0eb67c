import { auditTrailDetailsMigration, auditTrailMigration } from '@threadline/gateway-auth';
import { messagingTablesMigration } from '@threadline/messaging';
import { idempotencyKeyOwnerMigration, idempotencyTableMigration } from '@threadline/platform';
import { ERP_SYSTEM_API_SCHEMA } from '../erp-system-api.schema';
import { ErpSystemApiWorkOrderFeedCursor1766300000000 } from './1766300000000-work-order-feed-cursor';
import { ErpSystemApiMaterialAvailabilityFeedCursor1767000000000 } from './1767000000000-material-availability-feed-cursor';

/**
 * The system API keeps no ERP data (ERP owns it); its schema holds the messaging outbox and inbox,
 * the work-order and material availability feeds' cursors, the Idempotency-Key records and the audit trail.
 */
export const ERP_SYSTEM_API_MIGRATIONS = [
  messagingTablesMigration(ERP_SYSTEM_API_SCHEMA),
  idempotencyTableMigration(ERP_SYSTEM_API_SCHEMA),
  auditTrailMigration(ERP_SYSTEM_API_SCHEMA),
  auditTrailDetailsMigration(ERP_SYSTEM_API_SCHEMA),
  idempotencyKeyOwnerMigration(ERP_SYSTEM_API_SCHEMA),
  ErpSystemApiWorkOrderFeedCursor1766300000000,
  ErpSystemApiMaterialAvailabilityFeedCursor1767000000000,
];
