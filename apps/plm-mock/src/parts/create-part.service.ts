import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ODataError } from '../odata/odata-error';
import { CreatePartInput } from './part.dto';
import { ODataPart, PartRow, toODataPart } from './part.odata';
import { BomLineRow, PartRepository } from './part.repository';

/** The first version of every new part: Windchill's default series starts at A, iteration 1, In Work. */
export const FIRST_VERSION = 'A';

function duplicate(number: string): ODataError {
  return new ODataError(409, 'EntityAlreadyExists', `A part with number ${number} already exists`, [
    { code: 'EntityAlreadyExists', message: 'part numbers are unique', target: 'Number' },
  ]);
}

/**
 * POST Parts: a new part master with its first version, In Work, unreleased. A change notice
 * naming the version releases it. The number is unique across the part's versions: a second
 * create is 409, decided by the (number, version) key under concurrent requests too.
 */
@Injectable()
export class CreatePartService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PartRepository) private readonly parts: PartRepository,
  ) {}

  async create(input: CreatePartInput): Promise<ODataPart> {
    const source = input.Source.Value;
    const uses = input.Uses ?? [];
    if (source === 'buy' && uses.length > 0) {
      throw new ODataError(400, 'InvalidUses', `${input.Number} is a bought part and has no structure`, [
        { code: 'InvalidUses', message: 'only make parts use other parts', target: 'Uses' },
      ]);
    }
    const findNumbers = uses.map((u) => Number(u.FindNumber));
    if (new Set(findNumbers).size !== findNumbers.length) {
      throw new ODataError(400, 'InvalidUses', 'Find numbers must be unique within a part', [{ code: 'InvalidUses', message: 'duplicate FindNumber', target: 'Uses' }]);
    }
    try {
      const row = await this.dataSource.transaction(async (em) => {
        if (await this.parts.exists(em, input.Number)) throw duplicate(input.Number);
        const lines: BomLineRow[] = [];
        for (const use of uses) {
          const child = use.Uses.Number;
          const used = await this.parts.latestVersion(em, child);
          if (!used) throw new ODataError(400, 'InvalidUses', `${input.Number}: part ${child} does not exist`, [{ code: 'InvalidUses', message: `unknown part ${child}`, target: 'Uses' }]);
          if (child === input.Number) throw new ODataError(400, 'InvalidUses', `${input.Number} cannot use itself`);
          lines.push({
            find_number: Number(use.FindNumber),
            child_number: child,
            quantity: use.Quantity,
            unit: use.Unit?.Value ?? used.default_unit,
            reference_designators: use.ReferenceDesignatorRange ?? null,
          });
        }
        const id = await this.parts.insertVersion(em, {
          number: input.Number,
          name: input.Name,
          version: FIRST_VERSION,
          state: 'INWORK',
          unit: input.DefaultUnit.Value,
          source,
          releasedBy: null,
          releaseDate: null,
        });
        await this.parts.insertBomLines(em, id, lines);
        return (await this.parts.findById(id, em)) as PartRow;
      });
      return toODataPart(row);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw duplicate(input.Number);
      throw error;
    }
  }
}
