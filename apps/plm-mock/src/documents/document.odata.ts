import { DOCUMENT_TYPES, EnumValue, PART_STATES, enumValue } from '../native/windchill-enums';
import { FieldMap } from '../odata/odata-query';

export interface DocumentRow {
  id: string;
  number: string;
  name: string;
  version: string;
  state: string;
  doc_type: string;
  file_name: string;
  mime_type: string;
  created_on: Date;
  last_modified: Date;
}

/** A WTDocument version as Windchill's DocMgmt domain returns it, with its primary content's metadata. */
export interface ODataDocument {
  ID: string;
  Number: string;
  Name: string;
  Version: string;
  State: EnumValue;
  Type: EnumValue;
  PrimaryContent: { FileName: string; MimeType: string; URL: string };
  CreatedOn: string;
  LastModified: string;
}

const DOCUMENT_OID = /^OR:wt\.doc\.WTDocument:(\d{1,18})$/;

export function documentId(id: string): string {
  return `OR:wt.doc.WTDocument:${id}`;
}

export function parseDocumentId(oid: string): string | undefined {
  return DOCUMENT_OID.exec(oid)?.[1];
}

export const DOCUMENT_FIELDS: FieldMap = {
  ID: { column: "('OR:wt.doc.WTDocument:' || d.id)", type: 'text' },
  Number: { column: 'd.number', type: 'text' },
  Name: { column: 'd.name', type: 'text' },
  Version: { column: 'd.version', type: 'text' },
  State: { column: 'd.state', type: 'text' },
  Type: { column: 'd.doc_type', type: 'text' },
  LastModified: { column: 'd.last_modified', type: 'timestamptz' },
};

export const DOCUMENT_DEFAULT_ORDER = 'd.number COLLATE "C" ASC, length(d.version) ASC, d.version COLLATE "C" ASC, d.id ASC';

/** `docMgmtRoot` is the absolute DocMgmt service root, so the content URL can be fetched as given. */
export function toODataDocument(row: DocumentRow, docMgmtRoot: string): ODataDocument {
  return {
    ID: documentId(row.id),
    Number: row.number,
    Name: row.name,
    Version: row.version,
    State: enumValue(PART_STATES, row.state),
    Type: enumValue(DOCUMENT_TYPES, row.doc_type),
    PrimaryContent: {
      FileName: row.file_name,
      MimeType: row.mime_type,
      URL: `${docMgmtRoot}/Documents('${documentId(row.id)}')/PrimaryContent`,
    },
    CreatedOn: row.created_on.toISOString(),
    LastModified: row.last_modified.toISOString(),
  };
}
