import { IsString, Matches, MaxLength } from 'class-validator';
import { isAppError } from '../errors/app-error';
import { createValidationPipe } from './validation';

class PlantItemParams {
  @IsString()
  @Matches(/^P\d$/)
  plant: string;

  @IsString()
  @MaxLength(10)
  itemNumber: string;

  describe(): string {
    return `${this.plant}/${this.itemNumber}`;
  }
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const asParams = { type: 'param' as const, metatype: PlantItemParams, data: undefined };

  it('answers path parameters it accepted before with a copy of the instance, never the same object', async () => {
    const first = (await pipe.transform({ plant: 'P1', itemNumber: 'PUMP-100' }, asParams)) as PlantItemParams;
    first.itemNumber = 'CHANGED';
    const second = (await pipe.transform({ plant: 'P1', itemNumber: 'PUMP-100' }, asParams)) as PlantItemParams;
    expect(second).toBeInstanceOf(PlantItemParams);
    expect(second.describe()).toBe('P1/PUMP-100');
    const third = (await pipe.transform({ plant: 'P1', itemNumber: 'PUMP-100' }, asParams)) as PlantItemParams;
    expect(third).not.toBe(second);
  });

  it('refuses invalid parameters every time, also after accepting others, with VALIDATION_FAILED', async () => {
    await pipe.transform({ plant: 'P2', itemNumber: 'VALVE-300' }, asParams);
    for (let i = 0; i < 2; i++) {
      const refused = await pipe.transform({ plant: 'X9', itemNumber: 'VALVE-300' }, asParams).catch((e: unknown) => e);
      expect(isAppError(refused) && refused.code).toBe('VALIDATION_FAILED');
    }
    const tooLong = await pipe.transform({ plant: 'P2', itemNumber: 'VALVE-300-LONGER' }, asParams).catch((e: unknown) => e);
    expect(isAppError(tooLong) && tooLong.detail).toContain('itemNumber');
  });

  it('validates bodies every time (nothing remembered outside path parameters)', async () => {
    const asBody = { type: 'body' as const, metatype: PlantItemParams, data: undefined };
    await pipe.transform({ plant: 'P1', itemNumber: 'PUMP-100' }, asBody);
    const refused = await pipe.transform({ plant: 'P1', itemNumber: 'PUMP-100', extra: 'x' }, asBody).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('VALIDATION_FAILED');
  });
});
