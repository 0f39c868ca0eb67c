import { messagingTablesMigration } from '@threadline/messaging';

/**
 * The system API keeps no PLM data (PLM owns it); its schema holds only the messaging outbox
 * and inbox.
 */
export const PLM_SYSTEM_API_MIGRATIONS = [messagingTablesMigration('plm_system_api')];
