/**
 * Windchill's enumerated types as they appear on the wire: `{ "Value": "RELEASED", "Display": "Released" }`.
 * The internal values are what the database stores and what `$filter` compares against.
 */
export interface EnumValue {
  Value: string;
  Display: string;
}

export const PART_STATES: Record<string, string> = {
  INWORK: 'In Work',
  RELEASED: 'Released',
  SUPERSEDED: 'Superseded',
  OBSOLETE: 'Obsolete',
};

export const CHANGE_NOTICE_STATES: Record<string, string> = {
  OPEN: 'Open',
  UNDERREVIEW: 'Under Review',
  RELEASED: 'Released',
  CANCELLED: 'Cancelled',
};

export const PRIORITIES: Record<string, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  EMERGENCY: 'Emergency',
};

export const DISPOSITIONS: Record<string, string> = {
  USE_UP: 'Use Up',
  REWORK: 'Rework',
  SCRAP: 'Scrap',
  RETURN_TO_VENDOR: 'Return to Vendor',
  USE_AS_IS: 'Use As Is',
};

export const UNITS: Record<string, string> = {
  ea: 'each',
  kg: 'kilogram',
  g: 'gram',
  m: 'meter',
  mm: 'millimeter',
  l: 'liter',
  sq_m: 'square meter',
  set: 'set',
};

export const SOURCES: Record<string, string> = {
  make: 'Make',
  buy: 'Buy',
};

export const DOCUMENT_TYPES: Record<string, string> = {
  SPECIFICATION: 'Specification',
  DRAWING: 'Drawing',
  DATASHEET: 'Data Sheet',
  TEST_PROCEDURE: 'Test Procedure',
};

/** Windchill's effectivity kinds (WTDatedEffectivity, WTSerialNumberedEffectivity, WTLotNumberedEffectivity). */
export const EFFECTIVITY_TYPES: Record<string, string> = {
  DATE: 'Date',
  SERIAL_NUMBER: 'Serial Number',
  LOT_NUMBER: 'Lot Number',
};

/** A reviewer's vote on a change notice's review task. */
export const REVIEW_VOTES: Record<string, string> = {
  APPROVE: 'Approve',
  REJECT: 'Reject',
};

export function enumValue(table: Record<string, string>, value: string): EnumValue {
  return { Value: value, Display: table[value] ?? value };
}
