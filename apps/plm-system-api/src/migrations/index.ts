import { messagingTablesMigration } from '@threadline/messaging';
import { PlmSystemApiFeedCursor1764800000000 } from './1764800000000-feed-cursor';

/**
 * The system API keeps no PLM data (PLM owns it); its schema holds the messaging outbox and
 * inbox, and the change-feed cursor.
 */
export const PLM_SYSTEM_API_MIGRATIONS = [messagingTablesMigration('plm_system_api'), PlmSystemApiFeedCursor1764800000000];
