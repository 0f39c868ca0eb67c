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
