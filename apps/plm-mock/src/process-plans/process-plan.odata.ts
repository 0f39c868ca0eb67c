import { EnumValue, PART_STATES, enumValue } from '../native/windchill-enums';
import { FieldMap } from '../odata/odata-query';

/** Windchill keeps times with a unit; this Windchill plans in minutes. */
export const TIME_UNITS: Record<string, string> = { min: 'minutes' };

export interface ProcessPlanRow {
  id: string;
  number: string;
  name: string;
  part_number: string;
  part_version: string;
  state: string;
  released_by_change: string | null;
  created_on: Date;
  last_modified: Date;
}

/** One operation of a plan, as the domain logic and the repository pass it. */
export interface PlanOperation {
  operationNumber: string;
  label: string;
  workCenter: string;
  setupTime: number;
  runTime: number;
}

export interface ProcessPlanOperationRow {
  process_plan_id: string;
  id: string;
  operation_number: string;
  label: string;
  work_center: string;
  setup_time: string;
  run_time: string;
  time_unit: string;
}

/** An MPMOperation: one step of the plan on a work centre (the resource it runs on). */
export interface ODataOperation {
  ID: string;
  OperationNumber: string;
  Label: string;
  WorkCenter: string;
  SetupTime: number;
  RunTime: number;
  TimeUnit: EnumValue;
}

/** An MPMProcessPlan of one part version (MfgProcMgmt domain). */
export interface ODataProcessPlan {
  ID: string;
  Number: string;
  Name: string;
  PartNumber: string;
  PartVersion: string;
  State: EnumValue;
  ReleasedByChangeNotice: string | null;
  CreatedOn: string;
  LastModified: string;
  /** Present with $expand=Operations. */
  Operations?: ODataOperation[];
}

export const PROCESS_PLAN_FIELDS: FieldMap = {
  ID: { column: "('OR:com.ptc.windchill.mpml.processplan.MPMProcessPlan:' || pp.id)", type: 'text' },
  Number: { column: 'pp.number', type: 'text' },
  Name: { column: 'pp.name', type: 'text' },
  PartNumber: { column: 'pp.part_number', type: 'text' },
  PartVersion: { column: 'pp.part_version', type: 'text' },
  State: { column: 'pp.state', type: 'text' },
  LastModified: { column: 'pp.last_modified', type: 'timestamptz' },
};

export const PROCESS_PLAN_DEFAULT_ORDER = 'pp.id ASC';

export function toODataOperation(row: ProcessPlanOperationRow): ODataOperation {
  return {
    ID: `OR:com.ptc.windchill.mpml.processplan.operation.MPMOperation:${row.id}`,
    OperationNumber: row.operation_number,
    Label: row.label,
    WorkCenter: row.work_center,
    SetupTime: Number(row.setup_time),
    RunTime: Number(row.run_time),
    TimeUnit: enumValue(TIME_UNITS, row.time_unit),
  };
}

export function toODataProcessPlan(row: ProcessPlanRow, operations?: ProcessPlanOperationRow[]): ODataProcessPlan {
  return {
    ID: `OR:com.ptc.windchill.mpml.processplan.MPMProcessPlan:${row.id}`,
    Number: row.number,
    Name: row.name,
    PartNumber: row.part_number,
    PartVersion: row.part_version,
    State: enumValue(PART_STATES, row.state),
    ReleasedByChangeNotice: row.released_by_change,
    CreatedOn: row.created_on.toISOString(),
    LastModified: row.last_modified.toISOString(),
    ...(operations ? { Operations: operations.map(toODataOperation) } : {}),
  };
}
