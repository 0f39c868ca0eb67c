import { messagingTablesMigration } from '@threadline/messaging';

/** The scheduler owns the scheduling data; this schema holds only the messaging outbox and inbox. */
export const SCHEDULING_SYSTEM_API_MIGRATIONS = [messagingTablesMigration('scheduling_system_api')];
