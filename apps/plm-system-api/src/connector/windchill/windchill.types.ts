/*
 * The Windchill REST Services (OData v4) payloads this adapter reads and writes, as Windchill
 * names them. Only the members the adapter uses are declared.
 */

export interface WindchillEnum {
  Value: string;
  Display?: string;
}

export interface ODataCollection<T> {
  '@odata.context'?: string;
  '@odata.nextLink'?: string;
  value: T[];
}

export interface ODataErrorBody {
  error: { code: string; message: string; details?: Array<{ code: string; message: string; target?: string }> };
}

/** ProdMgmt Parts: one row per part version. */
export interface WindchillPart {
  ID: string;
  Number: string;
  Name: string;
  Version: string;
  Iteration?: string;
  State: WindchillEnum;
  DefaultUnit: WindchillEnum;
  Source: WindchillEnum;
  ReleasedByChangeNotice?: string | null;
  ReleaseDate?: string | null;
  CreatedOn?: string;
  LastModified?: string;
}

/** ProdMgmt Parts('id')/Uses: a WTPartUsageLink. */
export interface WindchillPartUse {
  ID?: string;
  FindNumber: string;
  LineNumber?: number;
  Quantity: number;
  Unit: WindchillEnum;
  ReferenceDesignatorRange?: string | null;
  Uses: { ID?: string | null; Number: string; Name?: string | null; Version?: string | null };
}

export interface WindchillBomChange {
  Action: 'Add' | 'Remove' | 'Replace';
  ComponentNumber: string;
  ReplacementNumber: string | null;
  Quantity: number | null;
  Unit: WindchillEnum | null;
}

/**
 * A line of a notice: a part revised from FromVersion to ToVersion, or (FromVersion null) a new
 * part whose In Work version ToVersion the notice releases, with no dispositions or redlines.
 */
export interface WindchillAffectedObject {
  LineNumber?: number;
  Number: string;
  FromVersion: string | null;
  ToVersion: string;
  OnOrderDisposition: WindchillEnum | null;
  WIPDisposition: WindchillEnum | null;
  FinishedDisposition: WindchillEnum | null;
  BOMChanges: WindchillBomChange[];
  /** Redlines on the part's process plan (MPMLink); absent from a Windchill without process plans. */
  OperationChanges?: WindchillOperationChange[];
}

export interface WindchillOperationChange {
  Action: 'Add' | 'Remove' | 'Update';
  OperationNumber: string;
  Label: string | null;
  WorkCenter: string | null;
  SetupTime: number | null;
  RunTime: number | null;
}

/** An MPMOperation of a process plan (MfgProcMgmt). */
export interface WindchillOperation {
  OperationNumber: string;
  Label: string;
  WorkCenter: string;
  SetupTime: number;
  RunTime: number;
  TimeUnit: WindchillEnum;
}

/** An MPMProcessPlan of one part version, with $expand=Operations. */
export interface WindchillProcessPlan {
  ID: string;
  Number: string;
  PartNumber: string;
  PartVersion: string;
  Operations?: WindchillOperation[];
}

/** A review vote recorded on a change notice (Reviews, inline). */
export interface WindchillReview {
  Role: string;
  Reviewer: string;
  Vote: WindchillEnum;
  Comments: string | null;
  VotedOn: string;
}

/** ChangeMgmt ChangeNotices: a WTChangeOrder2 with its affected objects inline. */
export interface WindchillChangeNotice {
  ID: string;
  Number: string;
  Name: string;
  Description: string | null;
  State: WindchillEnum;
  Priority: WindchillEnum;
  NeedDate: string;
  TargetPlants: string;
  /** Absent from older Windchill answers: dated effectivity, no reviews. */
  EffectivityType?: WindchillEnum;
  SerialNumberRange?: { Start: string; End: string | null } | null;
  LotNumbers?: string[] | null;
  ReviewRoles?: string[];
  Reviews?: WindchillReview[];
  ResolutionDate: string | null;
  CreatedOn: string;
  LastModified?: string;
  AffectedObjects: WindchillAffectedObject[];
}

/** The body of POST ChangeNotices. */
export type WindchillChangeNoticeInput = Pick<
  WindchillChangeNotice,
  'Name' | 'Description' | 'Priority' | 'NeedDate' | 'TargetPlants' | 'EffectivityType' | 'SerialNumberRange' | 'LotNumbers' | 'ReviewRoles' | 'AffectedObjects'
>;

/** The body of the bound action PTC.ChangeMgmt.RecordReview. */
export interface WindchillRecordReviewInput {
  Role: string;
  Reviewer: string;
  Vote: WindchillEnum;
  Comments: string | null;
}

/** A part version as it would be created in Windchill (not used by the system API's routes today). */
export type WindchillPartInput = Pick<WindchillPart, 'Number' | 'Name' | 'Version' | 'State' | 'DefaultUnit' | 'Source'>;

/** The body of POST ProdMgmt/Parts: a part master with its first version (Windchill numbers the version). */
export type WindchillCreatePartInput = Pick<WindchillPart, 'Number' | 'Name' | 'DefaultUnit' | 'Source'>;

/** A usage link as it would be created in Windchill. */
export type WindchillPartUseInput = Pick<WindchillPartUse, 'FindNumber' | 'LineNumber' | 'Quantity' | 'Unit' | 'ReferenceDesignatorRange' | 'Uses'>;

/** DocMgmt Documents (and ProdMgmt Parts('id')/References): a WTDocument version. */
export interface WindchillDocument {
  ID: string;
  Number: string;
  Name: string;
  Version: string;
  State: WindchillEnum;
  Type: WindchillEnum;
  PrimaryContent: { FileName: string; MimeType?: string; URL: string };
}

/** EventMgmt Subscriptions: the body of a POST. */
export interface WindchillSubscriptionInput {
  URL: string;
  Secret: string;
  Events: string[];
}
