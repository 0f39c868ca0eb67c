/**
 * Specification documents (WTDocument-like) and the parts that reference them: the original
 * demo world's, then one drawing per family pump and skid and one series specification.
 */
export interface DemoDocument {
  number: string;
  name: string;
  type: 'SPECIFICATION' | 'DRAWING' | 'DATASHEET' | 'TEST_PROCEDURE';
  fileName: string;
  mimeType: string;
  parts: string[];
}

const PDF = 'application/pdf';

export function buildDemoDocuments(): DemoDocument[] {
  const docs: DemoDocument[] = [
    { number: 'SPEC-PUMP-100', name: 'Performance specification, centrifugal pump', type: 'SPECIFICATION', fileName: 'SPEC-PUMP-100_A.pdf', mimeType: PDF, parts: ['PUMP-100'] },
    { number: 'DRW-PUMP-100', name: 'General arrangement drawing, centrifugal pump', type: 'DRAWING', fileName: 'DRW-PUMP-100_A.pdf', mimeType: PDF, parts: ['PUMP-100'] },
    { number: 'TP-PUMP-100', name: 'Hydrostatic and performance test procedure', type: 'TEST_PROCEDURE', fileName: 'TP-PUMP-100_A.pdf', mimeType: PDF, parts: ['PUMP-100'] },
    { number: 'DRW-HOUSING-110', name: 'Pump housing machining drawing', type: 'DRAWING', fileName: 'DRW-HOUSING-110_A.pdf', mimeType: PDF, parts: ['HOUSING-110'] },
    { number: 'MAT-GJL-250', name: 'Material specification EN-GJL-250 castings', type: 'SPECIFICATION', fileName: 'MAT-GJL-250_A.pdf', mimeType: PDF, parts: ['CASTING-111'] },
    { number: 'DS-SEAL-200', name: 'Shaft seal NBR data sheet', type: 'DATASHEET', fileName: 'DS-SEAL-200_A.pdf', mimeType: PDF, parts: ['SEAL-200'] },
    { number: 'DS-SEAL-210', name: 'Shaft seal FKM data sheet', type: 'DATASHEET', fileName: 'DS-SEAL-210_A.pdf', mimeType: PDF, parts: ['SEAL-210'] },
    { number: 'SPEC-VALVE-300', name: 'Gate valve DN50 specification', type: 'SPECIFICATION', fileName: 'SPEC-VALVE-300_A.pdf', mimeType: PDF, parts: ['VALVE-300'] },
    { number: 'DRW-VALVE-300', name: 'Gate valve DN50 assembly drawing', type: 'DRAWING', fileName: 'DRW-VALVE-300_A.pdf', mimeType: PDF, parts: ['VALVE-300'] },
  ];
  const pumps = Array.from({ length: 12 }, (_, i) => `PUMP-2${String(i + 1).padStart(2, '0')}0`);
  docs.push({ number: 'SPEC-SERIES-2000', name: 'Series 2000 pump family specification', type: 'SPECIFICATION', fileName: 'SPEC-SERIES-2000_A.pdf', mimeType: PDF, parts: pumps });
  for (const pump of pumps) {
    docs.push({ number: `DRW-${pump}`, name: `General arrangement drawing ${pump}`, type: 'DRAWING', fileName: `DRW-${pump}_A.pdf`, mimeType: PDF, parts: [pump] });
  }
  for (let j = 1; j <= 6; j++) {
    const skid = `SKID-7${j}00`;
    docs.push({ number: `DRW-${skid}`, name: `Skid layout drawing ${skid}`, type: 'DRAWING', fileName: `DRW-${skid}_A.pdf`, mimeType: PDF, parts: [skid] });
  }
  return docs;
}
