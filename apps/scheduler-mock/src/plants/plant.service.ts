import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FreppleApiError } from '../errors/frepple-api.error';

export interface Plant {
  code: string;
  name: string;
  timezone: string;
}

/** The simulated frePPLe instances: one per plant, addressed by the URL prefix. */
@Injectable()
export class PlantService {
  private readonly known = new Map<string, Plant>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<Plant[]> {
    return this.dataSource.query('SELECT code, name, timezone FROM scheduler_mock.plant ORDER BY code');
  }

  async require(code: string): Promise<Plant> {
    const cached = this.known.get(code);
    if (cached) return cached;
    const rows: Plant[] = await this.dataSource.query('SELECT code, name, timezone FROM scheduler_mock.plant WHERE code = $1', [code]);
    if (rows.length === 0) throw FreppleApiError.notFound(`Unknown plant '${code}': no frePPLe instance at this address.`);
    this.known.set(code, rows[0]);
    return rows[0];
  }
}
