import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangePointerRepository } from '../change-pointer/change-pointer.repository';
import { keyLiteral, PayloadReader } from '../odata/payload';
import { parseQueryOptions } from '../odata/odata-query';
import { ODataReader } from '../odata/odata-reader.service';
import { SapError } from '../odata/sap-error';
import { MaterialRepository, NewPlantRecord, NewValuation } from './material.repository';

const PRODUCT_TYPE = 'API_PRODUCT_SRV.A_ProductType';
const PLANT_TYPE = 'API_PRODUCT_SRV.A_ProductPlantType';
const VALUATION_TYPE = 'API_PRODUCT_SRV.A_ProductValuationType';
/** Lot-sizing procedures of the mock's customizing: lot-for-lot, weekly, monthly. */
const LOT_SIZING_PROCEDURES = ['EX', 'WB', 'MB'];
const PRODUCT_NUMBER = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;

type Created = { entity: { d: unknown }; location: string };

/** A deep-insert navigation, bare or wrapped in `results` (OData v2 accepts both). */
function navigation(reader: PayloadReader, property: string): unknown[] {
  const nav = reader.raw(property);
  if (nav === undefined || nav === null) return [];
  const list = Array.isArray(nav) ? nav : (nav as { results?: unknown }).results;
  if (!Array.isArray(list)) throw new SapError(400, 'M3/003', `Value for ${property} is invalid`);
  return list;
}

function oneOf<T extends string>(reader: PayloadReader, property: string, allowed: readonly T[], fallback?: T): T {
  const value = fallback === undefined ? reader.text(property, true, 4) : (reader.text(property, false, 4) ?? fallback);
  if (!allowed.includes(value as T)) throw new SapError(400, 'M3/003', `Value for ${property} is invalid (allowed: ${allowed.join(', ')})`);
  return value as T;
}

function amount(reader: PayloadReader, property: string): number {
  const value = reader.raw(property);
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,13}(\.\d{1,2})?$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) throw new SapError(400, 'M3/003', `Value for ${property} is invalid`);
  return n;
}

export function parsePlantRecord(raw: unknown, product?: string): NewPlantRecord {
  const r = PayloadReader.of(raw, 'M3', 'A_ProductPlant').only(
    ['Product', 'Plant', 'ProcurementType', 'MRPType', 'MRPResponsible', 'LotSizingProcedure', 'MaterialRevisionLevel'],
    PLANT_TYPE,
  );
  const mrpController = r.text('MRPResponsible', true, 3);
  if (!/^[A-Z0-9]{3}$/.test(mrpController)) throw new SapError(400, 'M3/003', 'Value for MRPResponsible is invalid (three letters or digits)');
  const revisionLevel = r.text('MaterialRevisionLevel', false, 2) ?? '';
  return {
    product: product ?? r.text('Product', true),
    plant: r.text('Plant', true, 4),
    procurementType: oneOf(r, 'ProcurementType', ['E', 'F'] as const),
    mrpType: oneOf(r, 'MRPType', ['PD', 'ND', 'VB'] as const, 'PD'),
    mrpController,
    lotSizingProcedure: oneOf(r, 'LotSizingProcedure', LOT_SIZING_PROCEDURES, 'EX'),
    revisionLevel,
  };
}

export function parseValuation(raw: unknown, product?: string): NewValuation {
  const r = PayloadReader.of(raw, 'M3', 'A_ProductValuation').only(
    ['Product', 'ValuationArea', 'ValuationType', 'InventoryValuationProcedure', 'StandardPrice', 'PriceUnitQty', 'Currency'],
    VALUATION_TYPE,
  );
  if (r.text('ValuationType', false, 10)) throw new SapError(400, 'M3/003', 'Split valuation (ValuationType) is not active in this system');
  const priceUnit = r.raw('PriceUnitQty') === undefined ? 1 : Number(r.raw('PriceUnitQty'));
  if (!Number.isInteger(priceUnit) || priceUnit < 1) throw new SapError(400, 'M3/003', 'Value for PriceUnitQty is invalid');
  return {
    product: product ?? r.text('Product', true),
    valuationArea: r.text('ValuationArea', true, 4),
    priceControl: oneOf(r, 'InventoryValuationProcedure', ['S', 'V'] as const, 'S'),
    standardPrice: amount(r, 'StandardPrice'),
    priceUnitQty: priceUnit,
    currency: r.text('Currency', true, 5),
  };
}

/**
 * Creating material master data through API_PRODUCT_SRV, as S/4HANA does: POST A_Product with
 * its descriptions, plant records and valuations (deep insert) creates a material; POST
 * A_ProductPlant and A_ProductValuation extend an existing one to another plant. An existing
 * material, plant record or valuation is refused with 409 (the keys decide under concurrent
 * requests too); every part of one request is written or none.
 */
@Injectable()
export class CreateProductService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly materials: MaterialRepository,
    private readonly reader: ODataReader,
    private readonly changePointers: ChangePointerRepository,
  ) {}

  async createProduct(body: unknown, serviceRoot: string, servicePath: string): Promise<Created> {
    const r = PayloadReader.of(body, 'M3', 'A_Product').only(['Product', 'ProductType', 'BaseUnit', 'to_Description', 'to_Plant', 'to_Valuation'], PRODUCT_TYPE);
    const product = r.text('Product', true);
    if (!PRODUCT_NUMBER.test(product)) throw new SapError(400, 'M3/003', 'Value for Product is invalid');
    const baseUnit = r.text('BaseUnit', true, 3);
    const descriptions = navigation(r, 'to_Description').map((raw) => {
      const d = PayloadReader.of(raw, 'M3', 'A_ProductDescription').only(['Product', 'Language', 'ProductDescription'], 'API_PRODUCT_SRV.A_ProductDescriptionType');
      return { language: d.text('Language', false, 2) ?? 'EN', text: d.text('ProductDescription', true, 40) };
    });
    const plants = navigation(r, 'to_Plant').map((raw) => parsePlantRecord(raw, product));
    const valuations = navigation(r, 'to_Valuation').map((raw) => parseValuation(raw, product));
    const description = (descriptions.find((d) => d.language === 'EN') ?? descriptions[0])?.text;
    if (!description) throw new SapError(400, 'M3/002', 'A material needs a description (to_Description)');
    // Without a type given: a bought material is a raw material, a made one semi-finished.
    const productType = r.text('ProductType', false, 4) ?? (plants[0]?.procurementType === 'F' ? 'ROH' : 'HALB');
    return this.write(async (em) => {
      if (await this.materials.productExists(em, product)) throw productExists(product);
      await this.materials.insertProduct(em, { product, productType, baseUnit, description });
      await this.changePointers.record(em, 'MATERIAL', product, null);
      for (const plant of plants) await this.addPlant(em, plant);
      for (const valuation of valuations) await this.addValuation(em, valuation);
      return this.answer(em, serviceRoot, servicePath, `A_Product(${keyLiteral(product)})`, 'to_Description,to_Plant,to_Valuation');
    }, () => productExists(product));
  }

  async createPlant(body: unknown, serviceRoot: string, servicePath: string): Promise<Created> {
    const record = parsePlantRecord(body);
    return this.write(async (em) => {
      if (!(await this.materials.productExists(em, record.product))) throw new SapError(400, 'M3/305', `Material ${record.product} does not exist`);
      await this.addPlant(em, record);
      return this.answer(em, serviceRoot, servicePath, `A_ProductPlant(Product=${keyLiteral(record.product)},Plant=${keyLiteral(record.plant)})`);
    }, () => plantExists(record.product, record.plant));
  }

  async createValuation(body: unknown, serviceRoot: string, servicePath: string): Promise<Created> {
    const valuation = parseValuation(body);
    return this.write(async (em) => {
      await this.addValuation(em, valuation);
      return this.answer(
        em,
        serviceRoot,
        servicePath,
        `A_ProductValuation(Product=${keyLiteral(valuation.product)},ValuationArea=${keyLiteral(valuation.valuationArea)},ValuationType='')`,
      );
    }, () => valuationExists(valuation.product, valuation.valuationArea));
  }

  private async addPlant(em: EntityManager, record: NewPlantRecord): Promise<void> {
    if (!(await this.materials.plantCurrency(em, record.plant))) throw new SapError(400, 'M3/139', `Plant ${record.plant} does not exist`);
    if (await this.materials.findPlantRecord(em, record.product, record.plant)) throw plantExists(record.product, record.plant);
    await this.materials.insertPlantRecord(em, record);
    await this.changePointers.record(em, 'MATERIAL', record.product, record.plant);
  }

  /** Valuation area = plant (plant-level valuation): the material must be maintained there, valued in the plant's currency. */
  private async addValuation(em: EntityManager, valuation: NewValuation): Promise<void> {
    if (!(await this.materials.findPlantRecord(em, valuation.product, valuation.valuationArea))) {
      throw new SapError(400, 'M3/138', `Material ${valuation.product} is not maintained in plant ${valuation.valuationArea}`);
    }
    const currency = await this.materials.plantCurrency(em, valuation.valuationArea);
    if (currency !== valuation.currency) {
      throw new SapError(400, 'M3/044', `Valuation area ${valuation.valuationArea} values in ${currency}, not ${valuation.currency}`);
    }
    if (await this.materials.valuationExists(em, valuation.product, valuation.valuationArea)) throw valuationExists(valuation.product, valuation.valuationArea);
    await this.materials.insertValuation(em, valuation);
    await this.changePointers.record(em, 'MATERIAL', valuation.product, valuation.valuationArea);
  }

  private async answer(em: EntityManager, serviceRoot: string, servicePath: string, resource: string, expand?: string): Promise<Created> {
    const entity = await this.reader.read({ serviceRoot, servicePath, resource, options: parseQueryOptions(expand ? { $expand: expand } : {}) }, em);
    return { entity, location: (entity.d as { __metadata: { uri: string } }).__metadata.uri };
  }

  /** One transaction; a unique-key violation (a concurrent create of the same key) is the same 409 as a found one. */
  private async write(work: (em: EntityManager) => Promise<Created>, duplicate: () => SapError): Promise<Created> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw duplicate();
      throw error;
    }
  }
}

function productExists(product: string): SapError {
  return new SapError(409, 'M3/300', `Material ${product} already exists`);
}

function plantExists(product: string, plant: string): SapError {
  return new SapError(409, 'M3/301', `Material ${product} is already maintained in plant ${plant}`);
}

function valuationExists(product: string, valuationArea: string): SapError {
  return new SapError(409, 'M3/302', `Material ${product} is already valuated in valuation area ${valuationArea}`);
}
