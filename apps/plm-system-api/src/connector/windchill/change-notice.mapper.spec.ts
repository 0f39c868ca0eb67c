import { CreateEngineeringChangeDto } from '@threadline/canonical';
import { toProblem } from '@threadline/platform';
import * as ChangeNoticeMapper from './change-notice.mapper';
import { WindchillChangeNotice } from './windchill.types';

const USE_UP = { Value: 'USE_UP', Display: 'Use Up' };

function aNotice(overrides: Partial<WindchillChangeNotice> = {}): WindchillChangeNotice {
  return {
    ID: 'OR:wt.change2.WTChangeOrder2:3001',
    Number: 'ECN-000001',
    Name: 'Replace obsolete shaft seal',
    Description: 'Supplier discontinued SEAL-200; SEAL-210 (FKM) is form-fit-function compatible.',
    State: { Value: 'RELEASED', Display: 'Released' },
    Priority: { Value: 'HIGH', Display: 'High' },
    NeedDate: '2026-12-01T00:00:00.000Z',
    TargetPlants: 'P1,P2,P3',
    ResolutionDate: '2026-11-20T09:00:00.123Z',
    CreatedOn: '2026-11-20T08:00:00.000Z',
    LastModified: '2026-11-20T09:00:00.123Z',
    AffectedObjects: [
      {
        LineNumber: 1,
        Number: 'PUMP-100',
        FromVersion: 'A',
        ToVersion: 'B',
        OnOrderDisposition: USE_UP,
        WIPDisposition: { Value: 'USE_AS_IS', Display: 'Use As Is' },
        FinishedDisposition: USE_UP,
        BOMChanges: [{ Action: 'Replace', ComponentNumber: 'SEAL-200', ReplacementNumber: 'SEAL-210', Quantity: null, Unit: null }],
      },
    ],
    ...overrides,
  };
}

function aChange(overrides: Partial<CreateEngineeringChangeDto> = {}): CreateEngineeringChangeDto {
  return {
    title: 'Replace obsolete shaft seal',
    description: 'Supplier discontinued SEAL-200.',
    priority: 'critical',
    targetPlants: ['P1', 'P2', 'P3'],
    effectivity: { type: 'date', startDate: '2026-12-01T00:00:00Z' },
    affectedItems: [
      {
        itemNumber: 'PUMP-100',
        fromRevision: 'A',
        toRevision: 'B',
        disposition: 'return-to-supplier',
        bomChanges: [
          { action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' },
          { action: 'add', componentNumber: 'SEAL-210', quantity: 1, unit: 'EA' },
        ],
      },
    ],
    ...overrides,
  };
}

describe('change notice mapper', () => {
  it('maps a released Windchill change notice to a canonical engineering change', () => {
    expect(ChangeNoticeMapper.toCanonical(aNotice())).toEqual({
      number: 'ECN-000001',
      title: 'Replace obsolete shaft seal',
      description: 'Supplier discontinued SEAL-200; SEAL-210 (FKM) is form-fit-function compatible.',
      state: 'RELEASED',
      priority: 'high',
      targetPlants: ['P1', 'P2', 'P3'],
      effectivity: { type: 'date', startDate: '2026-12-01T00:00:00.000Z' },
      affectedItems: [
        {
          itemNumber: 'PUMP-100',
          fromRevision: 'A',
          toRevision: 'B',
          disposition: 'use-up',
          bomChanges: [{ action: 'replace', componentNumber: 'SEAL-200', replacementNumber: 'SEAL-210' }],
        },
      ],
      createdAt: '2026-11-20T08:00:00.000Z',
      releasedAt: '2026-11-20T09:00:00.123Z',
      requiredApprovals: [],
      approvals: [],
      newItems: [],
    });
  });

  it('maps new parts (lines without FromVersion) to newItems and back, apart from the revised items', () => {
    const notice = aNotice({
      AffectedObjects: [
        { LineNumber: 1, Number: 'SEAL-250', FromVersion: null, ToVersion: 'A', OnOrderDisposition: null, WIPDisposition: null, FinishedDisposition: null, BOMChanges: [] },
        ...aNotice().AffectedObjects.map((a) => ({ ...a, LineNumber: 2 })),
      ],
    });
    const change = ChangeNoticeMapper.toCanonical(notice);
    expect(change.newItems).toEqual([{ itemNumber: 'SEAL-250', revision: 'A' }]);
    expect(change.affectedItems.map((a) => a.itemNumber)).toEqual(['PUMP-100']);

    const body = ChangeNoticeMapper.fromCanonical(aChange({ newItems: [{ itemNumber: 'SEAL-250', revision: 'A' }] }));
    expect(body.AffectedObjects[0]).toEqual({
      Number: 'SEAL-250',
      FromVersion: null,
      ToVersion: 'A',
      OnOrderDisposition: null,
      WIPDisposition: null,
      FinishedDisposition: null,
      BOMChanges: [],
    });
    expect(body.AffectedObjects.slice(1).map((a) => [a.Number, a.FromVersion, a.ToVersion])).toEqual([['PUMP-100', 'A', 'B']]);
    expect(ChangeNoticeMapper.fromCanonical(aChange()).AffectedObjects).toHaveLength(1);
  });

  it('maps review roles and votes to required approvals and decisions', () => {
    const change = ChangeNoticeMapper.toCanonical(
      aNotice({
        ReviewRoles: ['engineering', 'quality'],
        Reviews: [
          { Role: 'engineering', Reviewer: 'e-lead', Vote: { Value: 'APPROVE', Display: 'Approve' }, Comments: null, VotedOn: '2026-11-20T08:30:00Z' },
          { Role: 'quality', Reviewer: 'q-lead', Vote: { Value: 'REJECT', Display: 'Reject' }, Comments: 'FKM not qualified yet', VotedOn: '2026-11-20T08:45:00.5Z' },
        ],
      }),
    );
    expect(change.requiredApprovals).toEqual(['engineering', 'quality']);
    expect(change.approvals).toEqual([
      { role: 'engineering', approver: 'e-lead', decision: 'approved', comment: null, decidedAt: '2026-11-20T08:30:00.000Z' },
      { role: 'quality', approver: 'q-lead', decision: 'rejected', comment: 'FKM not qualified yet', decidedAt: '2026-11-20T08:45:00.500Z' },
    ]);
  });

  it('fails loudly on a vote Threadline does not know', () => {
    const notice = aNotice({ ReviewRoles: ['quality'], Reviews: [{ Role: 'quality', Reviewer: 'q', Vote: { Value: 'ABSTAIN' }, Comments: null, VotedOn: '2026-11-20T08:30:00Z' }] });
    expect(problemOf(() => ChangeNoticeMapper.toCanonical(notice))).toMatchObject({ code: 'PLM_UNMAPPED_VALUE', status: 502 });
  });

  it('maps serial-number and lot-number effectivity; NeedDate stays the start date', () => {
    const serial = ChangeNoticeMapper.toCanonical(
      aNotice({ EffectivityType: { Value: 'SERIAL_NUMBER', Display: 'Serial Number' }, SerialNumberRange: { Start: 'SN-1000', End: 'SN-1999' } }),
    );
    expect(serial.effectivity).toEqual({ type: 'serial', startDate: '2026-12-01T00:00:00.000Z', serialFrom: 'SN-1000', serialTo: 'SN-1999' });
    const openEnded = ChangeNoticeMapper.toCanonical(aNotice({ EffectivityType: { Value: 'SERIAL_NUMBER' }, SerialNumberRange: { Start: 'SN-1000', End: null } }));
    expect(openEnded.effectivity).toEqual({ type: 'serial', startDate: '2026-12-01T00:00:00.000Z', serialFrom: 'SN-1000' });
    const lot = ChangeNoticeMapper.toCanonical(aNotice({ EffectivityType: { Value: 'LOT_NUMBER' }, LotNumbers: ['LOT-2026-48', 'LOT-2026-49'], SerialNumberRange: null }));
    expect(lot.effectivity).toEqual({ type: 'lot', startDate: '2026-12-01T00:00:00.000Z', lots: ['LOT-2026-48', 'LOT-2026-49'] });
    const dated = ChangeNoticeMapper.toCanonical(aNotice({ EffectivityType: { Value: 'DATE' }, SerialNumberRange: null, LotNumbers: null }));
    expect(dated.effectivity).toEqual({ type: 'date', startDate: '2026-12-01T00:00:00.000Z' });
  });

  it('maps an open notice: Windchill MEDIUM is normal, UNDERREVIEW is UNDER_REVIEW, no release time, and a quantity change', () => {
    const change = ChangeNoticeMapper.toCanonical(
      aNotice({
        State: { Value: 'UNDERREVIEW' },
        Priority: { Value: 'MEDIUM' },
        ResolutionDate: null,
        Description: null,
        TargetPlants: 'P2 , P3',
        AffectedObjects: [
          {
            ...aNotice().AffectedObjects[0],
            BOMChanges: [{ Action: 'Replace', ComponentNumber: 'BOLT-M8', ReplacementNumber: null, Quantity: 10, Unit: { Value: 'ea' } }],
          },
        ],
      }),
    );
    expect(change).toMatchObject({ state: 'UNDER_REVIEW', priority: 'normal', releasedAt: null, description: null, targetPlants: ['P2', 'P3'] });
    expect(change.affectedItems[0].bomChanges).toEqual([{ action: 'replace', componentNumber: 'BOLT-M8', quantity: 10, unit: 'EA' }]);
  });

  it('maps a canonical change request to the body of POST ChangeNotices', () => {
    expect(ChangeNoticeMapper.fromCanonical(aChange())).toEqual({
      Name: 'Replace obsolete shaft seal',
      Description: 'Supplier discontinued SEAL-200.',
      Priority: { Value: 'EMERGENCY' },
      NeedDate: '2026-12-01T00:00:00.000Z',
      EffectivityType: { Value: 'DATE' },
      SerialNumberRange: null,
      LotNumbers: null,
      ReviewRoles: [],
      TargetPlants: 'P1,P2,P3',
      AffectedObjects: [
        {
          Number: 'PUMP-100',
          FromVersion: 'A',
          ToVersion: 'B',
          OnOrderDisposition: { Value: 'RETURN_TO_VENDOR' },
          WIPDisposition: { Value: 'RETURN_TO_VENDOR' },
          FinishedDisposition: { Value: 'RETURN_TO_VENDOR' },
          BOMChanges: [
            { Action: 'Replace', ComponentNumber: 'SEAL-200', ReplacementNumber: 'SEAL-210', Quantity: null, Unit: null },
            { Action: 'Add', ComponentNumber: 'SEAL-210', ReplacementNumber: null, Quantity: 1, Unit: { Value: 'ea' } },
          ],
        },
      ],
    });
  });

  it('maps serial and lot effectivity and required approvals to the body of POST ChangeNotices', () => {
    const serial = ChangeNoticeMapper.fromCanonical(
      aChange({ effectivity: { type: 'serial', startDate: '2026-12-01T00:00:00Z', serialFrom: 'SN-1000' }, requiredApprovals: ['engineering', 'quality'] }),
    );
    expect(serial).toMatchObject({
      NeedDate: '2026-12-01T00:00:00.000Z',
      EffectivityType: { Value: 'SERIAL_NUMBER' },
      SerialNumberRange: { Start: 'SN-1000', End: null },
      LotNumbers: null,
      ReviewRoles: ['engineering', 'quality'],
    });
    const lot = ChangeNoticeMapper.fromCanonical(aChange({ effectivity: { type: 'lot', startDate: '2026-12-01T00:00:00Z', lots: ['LOT-2026-48'] } }));
    expect(lot).toMatchObject({ EffectivityType: { Value: 'LOT_NUMBER' }, SerialNumberRange: null, LotNumbers: ['LOT-2026-48'] });
  });

  it('round-trips serial effectivity through the Windchill dialect', () => {
    const effectivity = { type: 'serial' as const, startDate: '2026-12-01T00:00:00.000Z', serialFrom: 'SN-1000', serialTo: 'SN-1999' };
    const body = ChangeNoticeMapper.fromCanonical(aChange({ effectivity }));
    expect(ChangeNoticeMapper.toCanonical(aNotice({ ...body, LotNumbers: body.LotNumbers })).effectivity).toEqual(effectivity);
  });

  it('maps a decision to the body of PTC.ChangeMgmt.RecordReview, the approver taken from the caller', () => {
    expect(ChangeNoticeMapper.reviewFromCanonical({ role: 'quality', decision: 'rejected', comment: 'Not qualified' }, 'q-lead')).toEqual({
      Role: 'quality',
      Reviewer: 'q-lead',
      Vote: { Value: 'REJECT' },
      Comments: 'Not qualified',
    });
    expect(ChangeNoticeMapper.reviewFromCanonical({ role: 'engineering', decision: 'approved' }, 'e-lead')).toEqual({
      Role: 'engineering',
      Reviewer: 'e-lead',
      Vote: { Value: 'APPROVE' },
      Comments: null,
    });
  });

  it('defaults a missing priority to Windchill MEDIUM and a missing description to null', () => {
    const body = ChangeNoticeMapper.fromCanonical(aChange({ priority: undefined, description: undefined }));
    expect(body.Priority).toEqual({ Value: 'MEDIUM' });
    expect(body.Description).toBeNull();
  });
});

/** The problem document a synchronous failure would leave as. */
function problemOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return toProblem(error);
  }
  throw new Error('expected an error');
}
