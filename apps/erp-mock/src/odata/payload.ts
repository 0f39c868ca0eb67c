import { SapError } from './sap-error';

/**
 * Reading a write payload the way SAP Gateway does: API field names, decimals as strings,
 * messages from the application's own message class (`CS` BOMs, `CO` orders, `06` requisitions).
 */
export class PayloadReader {
  constructor(
    private readonly body: Record<string, unknown>,
    private readonly messageClass: string,
  ) {}

  static of(body: unknown, messageClass: string, entityType: string): PayloadReader {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new SapError(400, `${messageClass}/001`, `The request body is not a ${entityType} entity`);
    return new PayloadReader(body as Record<string, unknown>, messageClass);
  }

  /** Refuses properties the entity type does not have, as Gateway does. */
  only(allowed: string[], entityType: string): this {
    const unknown = Object.keys(this.body).filter((k) => k !== '__metadata' && !allowed.includes(k));
    if (unknown.length > 0) throw new SapError(400, '/IWBEP/CM_MGW_RT/004', `Property '${unknown[0]}' is invalid for type '${entityType}'`);
    return this;
  }

  text(property: string, required: true, max?: number): string;
  text(property: string, required: false, max?: number): string | undefined;
  text(property: string, required: boolean, max = 40): string | undefined {
    const value = this.body[property];
    if (value === undefined || value === null || value === '') {
      if (required) throw new SapError(400, `${this.messageClass}/002`, `Property ${property} is mandatory`);
      return undefined;
    }
    if (typeof value !== 'string' || value.length > max) throw new SapError(400, `${this.messageClass}/003`, `Value for ${property} is invalid`);
    return value;
  }

  boolean(property: string): boolean {
    const value = this.body[property];
    if (typeof value !== 'boolean') throw new SapError(400, `${this.messageClass}/003`, `Value for ${property} is invalid`);
    return value;
  }

  positiveDecimal(property: string): number {
    const value = this.body[property];
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isFinite(n) || n <= 0) throw new SapError(400, `${this.messageClass}/030`, `Quantity in ${property} must be greater than zero`);
    return n;
  }

  raw(property: string): unknown {
    return this.body[property];
  }
}

export function keyLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
