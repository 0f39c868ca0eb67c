/** frePPLe's REST records as the scheduler sends them (field names and formats are frePPLe's). */

export interface FreppleResource {
  name: string;
  description: string | null;
  location: string | null;
  type: string;
  maximum: number;
  available: string | null;
  cost: number | null;
  source: string | null;
  lastmodified: string;
}

export interface FreppleItem {
  name: string;
  description: string | null;
  category: string | null;
  uom: string;
  source: string | null;
}

export interface FreppleOperation {
  name: string;
  type: 'routing' | 'time_per' | 'fixed_time';
  item: string | null;
  location: string | null;
  owner: string | null;
  priority: number;
  duration: string;
  duration_per: string;
  source: string | null;
}

export interface FreppleOperationMaterial {
  id?: number;
  operation: string;
  item: string;
  /** Negative: consumed per unit produced; positive: produced. */
  quantity: number;
  type: 'start' | 'end';
  effective_start: string | null;
  effective_end: string | null;
  /** Mock custom attribute: the engineering revision that introduced the record. */
  revision?: string | null;
  source: string | null;
  lastmodified?: string;
}

export type FreppleMoStatus = 'proposed' | 'approved' | 'confirmed' | 'completed' | 'closed';

export interface FreppleManufacturingOrder {
  reference: string;
  operation: string;
  item: string | null;
  quantity: number;
  startdate: string | null;
  enddate: string | null;
  due: string | null;
  priority: number;
  status: FreppleMoStatus;
  /** Planned end minus due date, '[-][D ]HH:MM:SS'. */
  delay: string | null;
  source: string | null;
}

export interface FreppleOperationPlanResource {
  id: number;
  operationplan: string;
  operation: string;
  resource: string;
  quantity: number;
  startdate: string;
  enddate: string;
  status: string;
}

export interface FreppleTask {
  id: number;
  name: string;
  submitted: string | null;
  started: string | null;
  finished: string | null;
  arguments: string | null;
  status: string;
  message: string | null;
  source?: string | null;
  planned_orders?: number | null;
  late_orders?: number | null;
}

export interface FreppleRunPlanResponse {
  taskid: number;
  status?: string;
  message?: string | null;
}

export interface FreppleCalendar {
  name: string;
  description: string | null;
  defaultvalue: number;
  source: string | null;
}

export interface FreppleCalendarBucket {
  id: number;
  calendar: string;
  startdate: string | null;
  enddate: string | null;
  value: number;
  priority: number;
  monday: boolean;
  tuesday: boolean;
  wednesday: boolean;
  thursday: boolean;
  friday: boolean;
  saturday: boolean;
  sunday: boolean;
  starttime: string;
  endtime: string;
}

/** Mock extension: the frePPLe instances of the server, one per plant. */
export interface FrepplePlant {
  code: string;
  name: string;
  timezone: string;
}

export type FreppleProblemName = 'late' | 'material shortage' | 'overload' | 'quality hold';

/** A frePPLe problem (its word for an exception), with the mock's extensions. */
export interface FreppleProblem {
  id: string;
  entity: string;
  name: FreppleProblemName;
  /** The manufacturing order (operationplan reference). */
  owner: string;
  description: string;
  startdate: string | null;
  enddate: string | null;
  /** Hours late (late), hours waited (material shortage, overload). */
  weight: number;
  item: string | null;
  resource: string | null;
  /** The order's source: `erp-load` means its reference is the ERP production order number. */
  operationplan_source: string | null;
  active: boolean;
  created: string;
}

/** The body of a problem webhook delivery. */
export interface FreppleProblemDelivery {
  event: 'problem';
  plant: string;
  problem: FreppleProblem;
}
