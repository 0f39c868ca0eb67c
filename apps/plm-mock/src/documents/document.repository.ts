import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CompiledQuery } from '../odata/odata-query';
import { DOCUMENT_DEFAULT_ORDER, DocumentRow } from './document.odata';
import { PLM_MOCK_SCHEMA } from '../plm-mock.schema';

const DOCUMENTS = `${PLM_MOCK_SCHEMA}.documents`;
const PART_DOCUMENT_LINKS = `${PLM_MOCK_SCHEMA}.part_document_links`;

@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(query: CompiledQuery, limit: number, offset: number): Promise<DocumentRow[]> {
    const n = query.params.length;
    return this.dataSource.query(
      `SELECT d.* FROM ${DOCUMENTS} d WHERE ${query.where} ORDER BY ${query.orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...query.params, limit, offset],
    );
  }

  async findById(id: string): Promise<DocumentRow | undefined> {
    const rows: DocumentRow[] = await this.dataSource.query(`SELECT * FROM ${DOCUMENTS} WHERE id = $1`, [id]);
    return rows[0];
  }

  /** The documents a part references; links belong to the part master, so every version shares them. */
  referencedBy(partNumber: string, limit: number, offset: number): Promise<DocumentRow[]> {
    return this.dataSource.query(
      `SELECT d.* FROM ${DOCUMENTS} d
         JOIN ${PART_DOCUMENT_LINKS} l ON l.document_id = d.id
        WHERE l.part_number = $1
        ORDER BY ${DOCUMENT_DEFAULT_ORDER}
        LIMIT $2 OFFSET $3`,
      [partNumber, limit, offset],
    );
  }
}
