import { DialectError } from '@threadline/platform';

/**
 * An error the simulated S/4HANA reports in SAP Gateway's own JSON form. The code is SAP's
 * message id (`<message class>/<number>`), which is what a real connector logs and matches on.
 */
export class SapError extends DialectError {
  constructor(status: number, sapCode: string, message: string) {
    super(sapCode, status, 'SAP Gateway error', message);
    this.name = 'SapError';
  }
}

export const sapErrors = {
  resourceNotFound: (segment: string) => new SapError(404, '/IWBEP/CM_MGW_RT/020', `Resource not found for segment '${segment}'`),
  entityNotFound: (entitySet: string, key: string) =>
    new SapError(404, '/IWBEP/CM_MGW_RT/021', `Resource not found for the segment '${entitySet}(${key})'`),
  invalidQuery: (detail: string) => new SapError(400, '/IWBEP/CM_MGW_RT/022', detail),
  methodNotAllowed: (entitySet: string) =>
    new SapError(405, '/IWBEP/CM_MGW_RT/006', `Method is not supported for entity set '${entitySet}'`),
};

/** SAP Gateway's error document (OData v2 JSON format). */
export interface SapErrorDocument {
  error: {
    code: string;
    message: { lang: string; value: string };
    innererror: { transactionid: string; timestamp: string; errordetails: Array<{ code: string; message: string; severity: string }> };
  };
}

export function sapErrorDocument(code: string, message: string, transactionId: string): SapErrorDocument {
  return {
    error: {
      code,
      message: { lang: 'en', value: message },
      innererror: {
        transactionid: transactionId,
        // SAP's compact timestamp (yyyyMMddHHmmss.fffffff)
        timestamp: new Date().toISOString().replace(/[-:T]/g, '').replace('Z', '0000'),
        errordetails: [{ code, message, severity: 'error' }],
      },
    },
  };
}
