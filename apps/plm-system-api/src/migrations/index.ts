import { messagingTablesMigration } from '@threadline/messaging';
import { auditTrailDetailsMigration, auditTrailMigration } from '@threadline/gateway-auth';
import { idempotencyKeyOwnerMigration, idempotencyTableMigration } from '@threadline/platform';
import { PlmSystemApiFeedCursor1764800000000 } from './1764800000000-feed-cursor';

/**
 * The system API keeps no PLM data (PLM owns it); its schema holds the messaging outbox and
 * inbox, the change-feed cursor, the Idempotency-Key records and the audit trail.
 */
export const PLM_SYSTEM_API_MIGRATIONS = [messagingTablesMigration('plm_system_api'), PlmSystemApiFeedCursor1764800000000, idempotencyTableMigration('plm_system_api'), auditTrailMigration('plm_system_api'), auditTrailDetailsMigration('plm_system_api'), idempotencyKeyOwnerMigration('plm_system_api')];
