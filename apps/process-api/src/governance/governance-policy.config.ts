import { CURRENCY_PATTERN, DISPOSITIONS, Disposition, LOT_SIZINGS, LotSizing, MRP_CONTROLLER_PATTERN, PLANT_CODE_PATTERN } from '@threadline/canonical';
import { ConfigError, validationProblems } from '@threadline/platform';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsTimeZone,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  validateSync,
  ValidationArguments,
} from 'class-validator';
import { readFileSync } from 'node:fs';

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const CURRENCY_OR_DEFAULT = /^([A-Z]{3}|default)$/;

/** A map of non-negative amounts keyed by ISO 4217 currency code, or `default`. */
function IsAmountPerCurrency(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAmountPerCurrency',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([k, v]) => CURRENCY_OR_DEFAULT.test(k) && typeof v === 'number' && Number.isFinite(v) && v >= 0),
        defaultMessage: (args: ValidationArguments) => `${args.property} must map currency codes (EUR, ...) or "default" to amounts of 0 or more`,
      },
    });
}

/** A weekly window in which a plant accepts changes, in the plant's local time. */
export class ReleaseWindow {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];

  /** "HH:MM", local time, before `to`. */
  @Matches(HH_MM, { message: 'from must be a time HH:MM' })
  from: string;

  @Matches(HH_MM, { message: 'to must be a time HH:MM' })
  to: string;
}

/**
 * How a plant's ERP gets an item it lacks (a change's new item, or a component the plant never
 * used): procured as engineering sources it, planned by this MRP controller with this lot-sizing
 * procedure, and a bought item valued at a provisional standard price until purchasing sets one.
 */
export class PlantMaterialPolicy {
  @Matches(MRP_CONTROLLER_PATTERN, { message: 'mrpController must be three letters or digits' })
  mrpController: string;

  @IsIn(LOT_SIZINGS)
  lotSizing: LotSizing;

  /** Per unit, in `currency`; made items start at 0 until a cost roll-up. */
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  buyStandardPrice: number;

  /** The plant's currency: ERP refuses a valuation in another. */
  @Matches(CURRENCY_PATTERN, { message: 'currency must be an ISO 4217 code' })
  currency: string;
}

export class PlantPolicy {
  /** Jobs starting within this many days keep the old revision; the change applies after. */
  @IsInt()
  @Min(0)
  @Max(365)
  frozenHorizonDays: number;

  /** When set, changes reach the plant only inside one of these windows. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReleaseWindow)
  releaseWindows?: ReleaseWindow[];

  /** IANA time zone of the plant's release windows; UTC when unset. */
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  /** How the plant's ERP gets new items; `newMaterials` when unset. */
  @IsOptional()
  @ValidateNested()
  @Type(() => PlantMaterialPolicy)
  materials?: PlantMaterialPolicy;
}

export class AutoApplyPolicy {
  /** Dispositions that write nothing off; any other needs an approval. */
  @IsArray()
  @IsIn(DISPOSITIONS, { each: true })
  dispositions: Disposition[];

  /**
   * Largest cost increase per unit applied without approval, per currency (plants keep costs in
   * their own currency); `default` for any other.
   */
  @IsAmountPerCurrency()
  maxCostDeltaPerUnit: Record<string, number>;
}

/**
 * Substitute stock: a use-up change whose outgoing component runs out in a plant before the change
 * is effective there, while the incoming component does not cover the open demand on the new
 * revision, leaves that plant without parts in between; with this on, it waits for an approver
 * (the reason suggests taking effect when the old stock runs out). Off by default.
 */
export class SubstituteCoveragePolicy {
  @IsBoolean()
  approvalWhenUncovered: boolean;
}

/**
 * The governance policy: what applies by itself, what waits for an approver, and when each plant
 * takes changes. Loaded once at boot from GOVERNANCE_POLICY or GOVERNANCE_POLICY_FILE and checked
 * here: a misspelt key or a bad value stops the app with one line naming it.
 */
export class GovernancePolicy {
  /** Effectivity may not start more than this many hours in the past ... */
  @IsInt()
  @Min(0)
  @Max(8760)
  effectivityPastToleranceHours: number;

  /** ... nor more than this many days ahead. */
  @IsInt()
  @Min(1)
  @Max(3650)
  effectivityMaxDaysAhead: number;

  @ValidateNested()
  @Type(() => AutoApplyPolicy)
  autoApply: AutoApplyPolicy;

  /** Critical changes always need a named approver. */
  @IsBoolean()
  criticalNeedsApproval: boolean;

  /** New items in a plant that names no `materials` of its own. */
  @ValidateNested()
  @Type(() => PlantMaterialPolicy)
  newMaterials: PlantMaterialPolicy;

  /** Substitute stock (impact's incomingComponents): see SubstituteCoveragePolicy. */
  @ValidateNested()
  @Type(() => SubstituteCoveragePolicy)
  substituteCoverage: SubstituteCoveragePolicy;

  /** Per plant code; a plant not named here has no frozen horizon and no windows. */
  @ValidateNested({ each: true })
  @Type(() => PlantPolicy)
  plants: Map<string, PlantPolicy>;
}

/**
 * The default policy, documented in the README: use-up and use-as-is changes whose cost delta is
 * small apply by themselves; anything that writes stock off, costs more, or is critical waits for
 * an approver. P2 has a frozen horizon of 7 days.
 */
export const DEFAULT_POLICY_SETTINGS = {
  effectivityPastToleranceHours: 24,
  effectivityMaxDaysAhead: 365,
  autoApply: { dispositions: ['use-up', 'use-as-is'], maxCostDeltaPerUnit: { EUR: 25, USD: 25, CZK: 600, MXN: 500, default: 25 } },
  criticalNeedsApproval: true,
  newMaterials: { mrpController: '001', lotSizing: 'lot-for-lot', buyStandardPrice: 0, currency: 'EUR' },
  substituteCoverage: { approvalWhenUncovered: false },
  plants: {
    P1: { frozenHorizonDays: 0, timeZone: 'Europe/Berlin', materials: { mrpController: '101', lotSizing: 'lot-for-lot', buyStandardPrice: 10, currency: 'EUR' } },
    P2: { frozenHorizonDays: 7, timeZone: 'Europe/Prague', materials: { mrpController: '201', lotSizing: 'weekly', buyStandardPrice: 250, currency: 'CZK' } },
    P3: { frozenHorizonDays: 0, timeZone: 'America/Monterrey', materials: { mrpController: '301', lotSizing: 'lot-for-lot', buyStandardPrice: 200, currency: 'MXN' } },
  },
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The given settings over the defaults: top-level keys replace, `autoApply` and `plants` merge one level deep. */
function mergeOverDefaults(given: Record<string, unknown>): Record<string, unknown> {
  const defaults: Record<string, unknown> = DEFAULT_POLICY_SETTINGS;
  return {
    ...defaults,
    ...given,
    autoApply: isObject(given.autoApply) ? { ...DEFAULT_POLICY_SETTINGS.autoApply, ...given.autoApply } : (given.autoApply ?? defaults.autoApply),
    plants: isObject(given.plants) ? { ...DEFAULT_POLICY_SETTINGS.plants, ...given.plants } : (given.plants ?? defaults.plants),
  };
}

function checked(settings: Record<string, unknown>, source: string): GovernancePolicy {
  const problems: string[] = [];
  const plants = settings.plants;
  if (isObject(plants)) {
    for (const code of Object.keys(plants)) {
      if (!PLANT_CODE_PATTERN.test(code)) problems.push(`plants.${code} (not a plant code)`);
    }
  }
  // class-transformer turns the plants object into a Map of PlantPolicy, so each plant is validated.
  const policy = plainToInstance(GovernancePolicy, settings);
  problems.push(...validationProblems(validateSync(policy, { whitelist: true, forbidNonWhitelisted: true })));
  for (const [code, plant] of policy.plants instanceof Map ? policy.plants : []) {
    (Array.isArray(plant?.releaseWindows) ? plant.releaseWindows : []).forEach((w, i) => {
      if (HH_MM.test(w.from) && HH_MM.test(w.to) && w.from >= w.to) problems.push(`plants.${code}.releaseWindows.${i} (from ${w.from} is not before to ${w.to})`);
    });
  }
  if (problems.length > 0) throw new ConfigError('process-api', problems.map((p) => `${source} ${p}`));
  return policy;
}

/** The documented default, checked like any other policy. */
export const DEFAULT_POLICY: GovernancePolicy = checked(DEFAULT_POLICY_SETTINGS, 'default policy');

/**
 * The policy from GOVERNANCE_POLICY (JSON, wins) or GOVERNANCE_POLICY_FILE (a JSON file), merged
 * over the default; throws ConfigError (one line, naming each bad key) when it is not valid.
 */
export function loadGovernancePolicy(json?: string, file?: string): GovernancePolicy {
  const source = json !== undefined ? 'GOVERNANCE_POLICY' : 'GOVERNANCE_POLICY_FILE';
  let text = json;
  if (text === undefined && file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError('process-api', [`GOVERNANCE_POLICY_FILE ${file} cannot be read (${(error as Error).message})`]);
    }
  }
  if (text === undefined) return DEFAULT_POLICY;
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('process-api', [`${source} is not JSON (${(error as Error).message})`]);
  }
  if (!isObject(given)) throw new ConfigError('process-api', [`${source} must be a JSON object`]);
  return checked(mergeOverDefaults(given), source);
}
