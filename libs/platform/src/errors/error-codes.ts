/** The HTTP statuses a coded error can leave as. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 414 | 415 | 422 | 428 | 429 | 500 | 502 | 503 | 504;

export interface ErrorCodeSpec {
  status: ProblemStatus;
  /** RFC 9457 title: the same for every occurrence of the code. */
  title: string;
  /** What the code tells a client; written into the OpenAPI document of every operation that declares it. */
  description: string;
}

export type ErrorCatalog<C extends string = string> = { readonly [K in C]: ErrorCodeSpec };

const catalog = new Map<string, ErrorCodeSpec>();

/**
 * Declares a module's error codes with the HTTP status each one leaves as. This is the only place
 * a code meets a status: the ProblemFilter and the OpenAPI documents both read these declarations,
 * so code that throws never names a status, and every status an operation can answer is documented.
 * A code declared twice must mean the same thing (the all-in-one launcher loads every app).
 */
export function defineErrorCodes<const T extends Record<string, ErrorCodeSpec>>(codes: T): T {
  for (const [code, spec] of Object.entries(codes)) {
    const known = catalog.get(code);
    if (known && (known.status !== spec.status || known.title !== spec.title)) {
      throw new Error(`error code ${code} is declared twice: ${known.status} '${known.title}' and ${spec.status} '${spec.title}'`);
    }
    catalog.set(code, spec);
  }
  return codes;
}

/** The declaration of a code, or undefined for one nobody declared (a bug, answered as 500). */
export function errorCodeSpec(code: string): ErrorCodeSpec | undefined {
  return catalog.get(code);
}

export function isDeclaredErrorCode(code: string): boolean {
  return catalog.has(code);
}

/** Every declared code, for the documents and for tests that check the catalog. */
export function declaredErrorCodes(): ReadonlyMap<string, ErrorCodeSpec> {
  return catalog;
}
