import { AppError } from '@threadline/platform';

/** S/4HANA sent a value the canonical model has no place for (an unknown unit, a broken date). */
export class ErpMappingError extends AppError {
  constructor(detail: string, nativeValue: unknown) {
    super('ERP_UNMAPPABLE_DATA', 502, 'S/4HANA sent data that cannot be mapped', detail, { backend: 'S/4HANA', nativeValue });
  }
}
