/**
 * How long a canonical string may be and how many entries a canonical list may hold. Request DTOs
 * enforce these with class-validator (@MaxLength, @ArrayMaxSize) and every DTO documents them
 * (maxLength, maxItems), so a client, a gateway or a fuzzer knows the real bounds of each field.
 *
 * Each limit is chosen so that real data fits: the backends' own field lengths where a system of
 * record defines them (SAP S/4HANA, Windchill, frePPLe), the demo world's longest values (part
 * names reach 48 characters, so names are not cut to SAP's 40), and the patterns the canonical
 * model already enforces. A limit here is a contract: lowering one is a breaking change.
 */
export const FIELD_LIMITS = {
  // ---- Identifiers of manufacturing objects ---------------------------------------------------
  /** Item (part, material) number: ITEM_NUMBER_PATTERN allows 40, as SAP MATNR (40) does. */
  itemNumber: 40,
  /** Revision as a backend sends it; canonical input is REVISION_PATTERN (one or two letters). */
  revision: 10,
  /** Plant code: PLANT_CODE_PATTERN (2 to 8); SAP WERKS has 4. */
  plantCode: 8,
  /** Engineering change number: CHANGE_NUMBER_PATTERN (1 to 40). */
  changeNumber: 40,
  /** What caused an ERP change (a change number, an exception id): ERP_REFERENCE_PATTERN, 1 to 60. */
  erpReference: 60,
  /** ERP production order number: SAP AUFNR has 12. */
  workOrderNumber: 12,
  /** ERP purchase order (EBELN), purchase requisition (BANFN) and supplier (LIFNR) numbers: 10 in SAP. */
  erpDocumentNumber: 10,
  /** Storage location: SAP LGORT has 4. */
  storageLocation: 4,
  /** Batch (lot) in ERP stock: SAP CHARG has 10. */
  batch: 10,
  /** Work centre: SAP ARBPL has 8. */
  workCentre: 8,
  /** Serial number or lot of an effectivity: SERIAL_OR_LOT_PATTERN (1 to 40). */
  serialOrLot: 40,
  /** Approver role on a change: APPROVER_ROLE_PATTERN (1 to 40). */
  approverRole: 40,
  /** One reference designator of a BOM line ('R12', 'C1-C4'). */
  referenceDesignator: 32,
  /** Other ids a backend assigns (scheduler jobs, resources, calendars, exceptions, plan runs, PLM documents). */
  identifier: 64,
  /** Ids Threadline assigns itself (releases, exception cases, CloudEvents): a UUID. */
  uuid: 36,

  // ---- Codes ------------------------------------------------------------------------------------
  /** Unit of measure where it is not an enum (UNITS are at most 3 characters; SAP MEINS has 3). */
  unit: 8,
  /** ISO 4217 currency code. */
  currency: 3,
  /** ISO 3166-1 alpha-2 country code. */
  country: 2,
  /** A state or code passed on as a string (a scheduler job status, a transition's state, an event's kind). */
  shortCode: 40,
  /** IANA time zone name (the longest, America/Argentina/ComodRivadavia, has 32). */
  timeZone: 64,

  // ---- Text ---------------------------------------------------------------------------------------
  /** Names and titles: items, plants, suppliers, documents, change titles. */
  name: 200,
  /** An engineering change's description (what CreateEngineeringChangeDto has always accepted). */
  changeDescription: 4000,
  /** Free text a person writes: comments, resolutions, exception details. */
  text: 2000,
  /** Why a work order is on hold. */
  holdReason: 200,
  /** A note on a work order flag. */
  flagNote: 500,
  /**
   * Text Threadline writes itself: failure reasons, transition reasons, suggested actions,
   * warnings. They may quote a person's comment (2000) with a prefix naming who and why.
   */
  message: 4000,

  // ---- Who ----------------------------------------------------------------------------------------
  /** A token's subject: OpenID Connect Core caps `sub` at 255 ASCII characters. */
  principal: 255,
  /** Who or what acted, as 'user:<subject>', 'event:<source>', 'system:<app>' or 'policy:<name>'. */
  actor: 300,

  // ---- Web and time -------------------------------------------------------------------------------
  /** A URL (a callback, where a file is served); the limit webhook subscriptions have always had. */
  url: 2000,
  /** A file name: NAME_MAX of common file systems. */
  fileName: 255,
  /** ISO 8601 date-time: '2026-12-01T00:00:00.123456789+05:30' is 35 characters. */
  isoDateTime: 35,
  /** ISO 8601 calendar date: '2026-12-01'. */
  isoDate: 10,
  /** Wall-clock time of day: 'HH:MM:SS' with up to microseconds. */
  timeOfDay: 15,
  /** An opaque page cursor (base64url of a small JSON key): MAX_CURSOR_LENGTH of @threadline/platform. */
  cursor: 512,
} as const;

/**
 * How many entries a canonical list holds. Request lists are enforced with @ArrayMaxSize; a
 * response list documents the bound the code guarantees, and why, beside the property.
 */
export const LIST_LIMITS = {
  /** Items per page of every cursor-paginated list: MAX_PAGE_SIZE of @threadline/platform. */
  page: 200,
  /** Target plants of a change. */
  targetPlants: 50,
  /** Items one change affects. */
  affectedItems: 100,
  /** BOM changes on one affected item. */
  bomChanges: 500,
  /** Approver roles a change requires (so also the approvals it can collect, one per role). */
  requiredApprovals: 20,
  /** Lots of a lot effectivity. */
  lots: 100,
  /** Reference designators on one BOM line. */
  referenceDesignators: 200,
  /**
   * Lines of one single-level BOM: what ERP and the schedulers accept when a revision is applied
   * (ApplyPlantBomDto, ApplyProductionChangeDto), so the most a BOM that can go to production has.
   */
  bomLines: 2000,
  /** Lines of an exploded BOM: plm-system-api refuses more (explode-bom.ts, MAX_BOM_LINES). */
  explodedBomLines: 10_000,
  /** Levels below the top item an explosion walks: plm-system-api refuses deeper (explode-bom.ts, MAX_BOM_DEPTH). */
  explodedBomDepth: 25,
  /** Revisions of one item: REVISION_PATTERN (one or two letters) admits 26 + 26 * 26 of them. */
  itemRevisions: 702,
  /** Lines of one purchase order: erp-system-api reads at most 1000 order items at a time (PURCHASE_ORDER_ITEM_WINDOW). */
  purchaseOrderLines: 1000,
  /** Weekdays of a calendar entry. */
  weekdays: 7,

  // ---- Lists a system API maps from its backend ------------------------------------------------
  // Nothing in the backend stops these lists from growing, so each bound is chosen from the domain
  // and enforced where the list is mapped: a longer answer is refused with 502
  // BACKEND_LIMIT_EXCEEDED (assertWithinLimit of @threadline/platform), never cut short.
  /** Plants of one ERP: a manufacturer runs tens of them, a large group a few hundred. */
  plants: 500,
  /** BOM versions of one item in one plant: one per applied change, each with its own revision, so at most itemRevisions. */
  plantBomVersions: 702,
  /** Operations of one routing: SAP numbers them 0010 to 9990 in steps of 10. */
  routingOperations: 999,
  /** Paths of one where-used (one entry per path): as many as the lines of an explosion, the same structure walked upwards. */
  whereUsedPaths: 10_000,
  /** Items on one where-used path: the item and the levels above it; an explosion walks at most explodedBomDepth (25) levels, so 26. */
  whereUsedPathItems: 26,
  /**
   * Flags on one work order, one per flag and reference (a change to review, a quality problem):
   * an order is open for days or weeks. erp-system-api also refuses to set one more (409 WORK_ORDER_FLAG_LIMIT).
   */
  workOrderFlags: 100,
  /** Resources (lines, machines, test benches) of one plant's scheduler: large plants have hundreds. */
  resources: 1000,
  /** Work calendars of one plant's scheduler: the plant's own and those of resources that keep their own hours. */
  calendars: 1000,
  /** Entries of one work calendar: shifts per weekday plus dated holidays and extra shifts, years of them. */
  calendarEntries: 1000,
  /** Scheduled operations of one job: one resource load per routing step, so at most routingOperations. */
  jobOperations: 999,
  /** Documents one PLM item references (specifications, drawings, data sheets, test procedures, each version). */
  itemDocuments: 500,

  // ---- Lists the process layer computes -----------------------------------------------------------
  // These hold the first N in a stable order; a `...Total` (or `total`) beside each gives the full count.
  /** Where-used paths in one plant's change impact: the bench's 1,651 at P1 (one item, 100,000 BOM lines) fit uncut. */
  impactWhereUsed: 5000,
  /** Open work order numbers in one plant's change impact (and so in its revision adoption): the bench's 800 fit. */
  impactWorkOrderNumbers: 1000,
  /** Outgoing components in one plant's change impact: one per removed or replaced component of each affected item. */
  impactOutgoingComponents: 1000,
  /** Purchase order lines in one plant's change impact: the open lines of the outgoing components. */
  impactPurchaseOrders: 1000,
  /** Warnings in one plant's change impact: distinct messages, the scheduler's unavailability first. */
  impactWarnings: 100,
} as const;
