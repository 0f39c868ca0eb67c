import { FieldMap } from '../odata/odata-query';

export const WEBHOOK_EVENTS = ['CHANGE_NOTICE_RELEASED'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface EventSubscriptionRow {
  id: string;
  url: string;
  secret: string;
  events: string[];
  last_delivery_at: Date | null;
  last_delivery_status: number | null;
  last_delivery_attempts: number | null;
  last_delivery_error: string | null;
  created_on: Date;
  last_modified: Date;
}

/** A subscription as the EventMgmt domain returns it; the secret is write-only. */
export interface ODataEventSubscription {
  ID: string;
  URL: string;
  Events: string[];
  LastDelivery: { At: string; Status: number | null; Attempts: number; Error: string | null } | null;
  CreatedOn: string;
  LastModified: string;
}

const SUBSCRIPTION_OID = /^OR:com\.ptc\.EventSubscription:(\d{1,18})$/;

export function subscriptionId(id: string): string {
  return `OR:com.ptc.EventSubscription:${id}`;
}

export function parseSubscriptionId(oid: string): string | undefined {
  return SUBSCRIPTION_OID.exec(oid)?.[1];
}

export const SUBSCRIPTION_FIELDS: FieldMap = {
  ID: { column: "('OR:com.ptc.EventSubscription:' || s.id)", type: 'text' },
  URL: { column: 's.url', type: 'text' },
  CreatedOn: { column: 's.created_on', type: 'timestamptz' },
};

export function toODataSubscription(row: EventSubscriptionRow): ODataEventSubscription {
  return {
    ID: subscriptionId(row.id),
    URL: row.url,
    Events: row.events,
    LastDelivery: row.last_delivery_at
      ? { At: row.last_delivery_at.toISOString(), Status: row.last_delivery_status, Attempts: row.last_delivery_attempts ?? 0, Error: row.last_delivery_error }
      : null,
    CreatedOn: row.created_on.toISOString(),
    LastModified: row.last_modified.toISOString(),
  };
}
