import { AppError, defineErrorCodes } from '@threadline/platform';

export const ERP_MAPPING_ERRORS = defineErrorCodes({
  ERP_UNMAPPABLE_DATA: {
    status: 502,
    title: 'S/4HANA sent data that cannot be mapped',
    description: 'The ERP answered with a value the canonical model has no place for (`nativeValue`); operations are alerted',
  },
});

/** S/4HANA sent a value the canonical model has no place for (an unknown unit, a broken date). */
export class ErpMappingError extends AppError<keyof typeof ERP_MAPPING_ERRORS> {
  constructor(detail: string, nativeValue: unknown) {
    super('ERP_UNMAPPABLE_DATA', detail, { backend: 'S/4HANA', nativeValue });
  }
}
