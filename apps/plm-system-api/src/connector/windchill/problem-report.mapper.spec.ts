import { fromCanonical, toCanonical, WindchillProblemReport } from './problem-report.mapper';

describe('Windchill problem report mapper', () => {
  const native: WindchillProblemReport = {
    ID: 'OR:wt.change2.WTChangeIssue:8001',
    Number: 'PR-000001',
    Name: 'Quality hold at P1 on PUMP-100 rev B',
    Description: 'Leak test failed',
    Category: { Value: 'QUALITY_ISSUE', Display: 'Quality Issue' },
    Priority: { Value: 'EMERGENCY', Display: 'Emergency' },
    State: { Value: 'UNDERREVIEW', Display: 'Under Review' },
    ExternalReference: 'case-1',
    RelatedChangeNotice: { ID: 'OR:wt.change2.WTChangeOrder2:3001', Number: 'ECN-000001' },
    ReportedAgainst: [{ Number: 'PUMP-100', Version: 'B' }],
    CreatedOn: '2026-11-26T09:12:05.000Z',
  };

  it('reads a Windchill report into canonical terms', () => {
    expect(toCanonical(native)).toEqual({
      number: 'PR-000001',
      title: 'Quality hold at P1 on PUMP-100 rev B',
      description: 'Leak test failed',
      category: 'quality',
      priority: 'critical',
      state: 'UNDER_REVIEW',
      changeNumber: 'ECN-000001',
      affectedItems: [{ itemNumber: 'PUMP-100', revision: 'B' }],
      externalReference: 'case-1',
      createdAt: '2026-11-26T09:12:05.000Z',
    });
  });

  it('refuses a category it cannot map (PLM_UNMAPPED_VALUE) rather than guessing', () => {
    expect(() => toCanonical({ ...native, Category: { Value: 'NOISE' } })).toThrow(/PLM_UNMAPPED_VALUE/);
  });

  it('writes a canonical report in Windchill dialect, with defaults for category and priority', () => {
    expect(fromCanonical({ title: 'T', changeNumber: 'ECN-000001', affectedItems: [{ itemNumber: 'PUMP-100', revision: 'B' }], externalReference: 'x' })).toEqual({
      Name: 'T',
      Description: null,
      Category: { Value: 'OTHER' },
      Priority: { Value: 'MEDIUM' },
      ExternalReference: 'x',
      RelatedChangeNotice: { Number: 'ECN-000001' },
      ReportedAgainst: [{ Number: 'PUMP-100', Version: 'B' }],
    });
  });
});
