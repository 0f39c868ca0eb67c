import { ApplyPlantBomDto, PlantBomDto } from '@threadline/canonical';
import { BackendError, toProblem } from '@threadline/platform';
import { ErpConnector } from '../connector/erp.connector';
import { ApplyPlantBomService } from './apply-plant-bom.service';

function aBom(overrides: Partial<ApplyPlantBomDto> = {}): ApplyPlantBomDto {
  return {
    itemNumber: 'PUMP-100',
    revision: 'B',
    changeNumber: 'ECN-000042',
    validFrom: '2026-12-01T00:00:00.000Z',
    lines: [{ findNumber: 40, componentNumber: 'SEAL-210', quantity: 2, unit: 'EA' }],
    ...overrides,
  };
}

function applied(bom: ApplyPlantBomDto, plant = 'P1'): PlantBomDto {
  return { plant, itemNumber: bom.itemNumber, revision: bom.revision, validFrom: bom.validFrom, validTo: null, changeNumber: bom.changeNumber, lines: bom.lines };
}

/** An in-memory ERP that knows which change numbers were applied, and refuses a second BOM with one (409, as S/4 does). */
function fakeErp(existing: PlantBomDto[] = []) {
  const store = [...existing];
  const find = (plant: string, item: string, change: string) => store.find((b) => b.plant === plant && b.itemNumber === item && b.changeNumber === change);
  const erp = {
    findPlantBomByChange: jest.fn(async (plant: string, item: string, change: string) => find(plant, item, change)),
    createPlantBom: jest.fn(async (plant: string, bom: ApplyPlantBomDto) => {
      if (find(plant, bom.itemNumber, bom.changeNumber)) {
        throw new BackendError('BACKEND_CONFLICT', 'S/4HANA', 'already exists', { backendError: { error: { code: 'CS/600' } } });
      }
      const created = applied(bom, plant);
      store.push(created);
      return created;
    }),
  };
  return { erp, store, service: new ApplyPlantBomService(erp as unknown as ErpConnector) };
}

describe('ApplyPlantBomService', () => {
  it('creates the BOM when the change was not applied yet, with one ERP call', async () => {
    const { service, store, erp } = fakeErp();
    const result = await service.apply('P1', aBom());
    expect(result.created).toBe(true);
    expect(store).toHaveLength(1);
    expect(erp.findPlantBomByChange).not.toHaveBeenCalled();
  });

  it('returns the existing BOM and creates nothing when the change was applied already', async () => {
    const { service, store } = fakeErp([applied(aBom())]);
    const result = await service.apply('P1', aBom());
    expect(result).toEqual({ bom: applied(aBom()), created: false });
    expect(store).toHaveLength(1);
  });

  it('treats the same change number with other content as a conflict', async () => {
    const { service } = fakeErp([applied(aBom())]);
    const other = aBom({ lines: [{ findNumber: 40, componentNumber: 'SEAL-210', quantity: 3, unit: 'EA' }] });
    await expect(service.apply('P1', other).catch(toProblem)).resolves.toMatchObject({ code: 'BOM_CHANGE_CONFLICT', status: 409 });
  });

  it("answers 'already applied' when it loses a race and the ERP rejects the duplicate", async () => {
    const { service, erp, store } = fakeErp();
    erp.createPlantBom.mockImplementationOnce(async (plant: string, bom: ApplyPlantBomDto) => {
      store.push(applied(bom, plant)); // the other request's BOM
      throw new BackendError('BACKEND_CONFLICT', 'S/4HANA', 'already exists', { backendError: { error: { code: 'CS/600' } } });
    });
    await expect(service.apply('P1', aBom())).resolves.toMatchObject({ created: false });
  });

  it('passes other ERP refusals on', async () => {
    const { service, erp } = fakeErp();
    erp.createPlantBom.mockRejectedValueOnce(new BackendError('BACKEND_REJECTED', 'S/4HANA', 'Component GHOST-1 is not maintained'));
    await expect(service.apply('P1', aBom()).catch(toProblem)).resolves.toMatchObject({ code: 'BACKEND_REJECTED', status: 422 });
    expect(erp.findPlantBomByChange).not.toHaveBeenCalled();
  });
});
