import { Injectable } from '@nestjs/common';
import { FreppleApiError } from '../errors/frepple-api.error';
import { Plant, PlantRepository } from './plant.repository';

export type { Plant } from './plant.repository';

/** The simulated frePPLe instances: one per plant, addressed by the URL prefix. */
@Injectable()
export class PlantService {
  private readonly known = new Map<string, Plant>();

  constructor(private readonly plants: PlantRepository) {}

  list(): Promise<Plant[]> {
    return this.plants.list();
  }

  async require(code: string): Promise<Plant> {
    const cached = this.known.get(code);
    if (cached) return cached;
    const plant = await this.plants.find(code);
    if (!plant) throw FreppleApiError.notFound(`Unknown plant '${code}': no frePPLe instance at this address.`);
    this.known.set(code, plant);
    return plant;
  }
}
