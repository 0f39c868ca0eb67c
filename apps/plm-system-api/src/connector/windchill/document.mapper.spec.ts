import { AppError } from '@threadline/platform';
import * as DocumentMapper from './document.mapper';
import { WindchillDocument } from './windchill.types';

function aDocument(overrides: Partial<WindchillDocument> = {}): WindchillDocument {
  return {
    ID: 'OR:wt.doc.WTDocument:5001',
    Number: 'SPEC-PUMP-100',
    Name: 'Performance specification, centrifugal pump',
    Version: 'A',
    State: { Value: 'RELEASED', Display: 'Released' },
    Type: { Value: 'SPECIFICATION', Display: 'Specification' },
    PrimaryContent: {
      FileName: 'SPEC-PUMP-100_A.pdf',
      MimeType: 'application/pdf',
      URL: "http://127.0.0.1:4101/Windchill/servlet/odata/DocMgmt/Documents('OR:wt.doc.WTDocument:5001')/PrimaryContent",
    },
    ...overrides,
  };
}

describe('DocumentMapper.toCanonical', () => {
  it('maps a WTDocument to canonical metadata with the file name and PLM URL', () => {
    expect(DocumentMapper.toCanonical(aDocument())).toEqual({
      number: 'SPEC-PUMP-100',
      name: 'Performance specification, centrifugal pump',
      type: 'specification',
      revision: 'A',
      fileName: 'SPEC-PUMP-100_A.pdf',
      url: "http://127.0.0.1:4101/Windchill/servlet/odata/DocMgmt/Documents('OR:wt.doc.WTDocument:5001')/PrimaryContent",
    });
    expect(DocumentMapper.toCanonical(aDocument({ Type: { Value: 'TEST_PROCEDURE' } })).type).toBe('test-procedure');
  });

  it('fails loudly (502) on a document type Threadline does not know', () => {
    expect(() => DocumentMapper.toCanonical(aDocument({ Type: { Value: 'CAD_MODEL' } }))).toThrow(AppError);
  });
});
