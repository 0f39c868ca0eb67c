import { DocumentDto } from '@threadline/canonical';
import { WindchillDocument } from './windchill.types';
import { WindchillDocumentType } from './windchill-values';

/** A Windchill WTDocument version as canonical document metadata. */
export function toCanonical(doc: WindchillDocument): DocumentDto {
  return {
    number: doc.Number,
    name: doc.Name,
    type: WindchillDocumentType.toCanonical(doc.Type.Value),
    revision: doc.Version,
    fileName: doc.PrimaryContent.FileName,
    url: doc.PrimaryContent.URL,
  };
}
