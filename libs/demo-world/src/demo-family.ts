/**
 * The larger product family of the demo world, generated deterministically so it needs no fixture
 * file: standard parts and raw materials shared across products, twelve series-2000 pump models,
 * and six booster skids that combine them, six BOM levels deep:
 *
 *   SKID-7j00 > PUMPUNIT-7j20 > PUMP-2kk0 > ROTOR-2kk5 > SHAFT-2kk6 > BAR-14021-Dnn
 *
 * Pure data in neutral terms (PLM's view: part numbers, names, lowercase units, make or buy,
 * revision A); each mock turns it into its own dialect. The original demo world (PUMP-100,
 * VALVE-300 and their parts) is not part of it and stays in each mock as it is; the family only
 * reuses its standard bolt BOLT-M8 (and expects it to exist).
 */

export type Sourcing = 'make' | 'buy';
/** Units as PLM writes them; ERP says PC / KG / M. */
export type FamilyUnit = 'ea' | 'kg' | 'm';

export interface FamilyPart {
  number: string;
  name: string;
  source: Sourcing;
  unit: FamilyUnit;
}

/** One single-level BOM line: `quantity` of `child` (in `unit`, default `ea`) per one `parent`. */
export interface FamilyBomLine {
  parent: string;
  findNumber: number;
  child: string;
  quantity: number;
  unit?: FamilyUnit;
}

export interface DemoFamily {
  parts: FamilyPart[];
  uses: FamilyBomLine[];
}

/** The part whose presence tells a seeder the family is already there. */
export const FAMILY_MARKER = 'SKID-7100';
/** The revision every family part is released at. */
export const FAMILY_REVISION = 'A';
/** Parts of the original demo world the family uses; they must exist before the family is seeded. */
export const FAMILY_BORROWED_PARTS = ['BOLT-M8'];

const BOLT_SIZES = [6, 10, 12, 16];
const BOLT_LENGTHS = [20, 30, 40, 50];
const NUT_SIZES = [6, 8, 10, 12, 16];
const ORINGS = Array.from({ length: 16 }, (_, i) => 20 + i * 5);
const BEARINGS = Array.from({ length: 10 }, (_, i) => 6203 + i);
const DNS = [25, 32, 40, 50, 65, 80, 100, 125];
const SEAL_DIAMETERS = [25, 30, 35, 40, 45, 50];
const MOTOR_KW = [2.2, 4, 7.5, 11, 15, 22, 30, 45];
const BAR_DIAMETERS = [20, 30, 40, 50, 60, 70];
const SHEETS = [3, 5, 8, 10, 12];
const BEAMS = [80, 100, 120, 140];
const CABLES = ['1.5', '2.5', '4', '6'];
const COUPLINGS = [19, 24, 28, 38, 42, 48];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const kw = (value: number): string => pad(Math.round(value * 10), 4);

/** Builds the family: parts in a stable order (standard parts first), BOM lines numbered 10, 20, ... */
export function buildDemoFamily(): DemoFamily {
  const parts: FamilyPart[] = [];
  const uses: FamilyBomLine[] = [];
  const buy = (number: string, name: string, unit: FamilyUnit = 'ea'): string => {
    parts.push({ number, name, source: 'buy', unit });
    return number;
  };
  const make = (number: string, name: string): string => {
    parts.push({ number, name, source: 'make', unit: 'ea' });
    return number;
  };
  /** One structure: lines numbered 10, 20, ... in the order given. */
  const structure = (parent: string, lines: Array<[string, number, FamilyUnit?]>): void => {
    lines.forEach(([child, quantity, unit], i) => uses.push({ parent, findNumber: (i + 1) * 10, child, quantity, ...(unit ? { unit } : {}) }));
  };

  // Standard parts and raw materials, shared by every product of the family.
  for (const d of BOLT_SIZES) for (const l of BOLT_LENGTHS) buy(`BOLT-M${d}X${l}`, `Hex bolt ISO 4017 M${d}x${l}, 8.8`);
  for (const d of NUT_SIZES) buy(`NUT-M${d}`, `Hex nut ISO 4032 M${d}, 8`);
  for (const d of NUT_SIZES) buy(`WASHER-M${d}`, `Washer ISO 7089 M${d}, 200 HV`);
  for (const d of ORINGS) buy(`ORING-${pad(d, 3)}`, `O-ring ${d}x2.5, NBR 70`);
  for (const b of BEARINGS) buy(`BEARING-${b}`, `Deep groove ball bearing ${b}-2Z`);
  for (const dn of DNS) buy(`GASKET-DN${dn}`, `Flat gasket DN${dn} PN16, aramid fibre`);
  for (const d of SEAL_DIAMETERS) buy(`MSEAL-${d}`, `Mechanical seal, shaft d=${d} mm, SiC/carbon`);
  for (const p of MOTOR_KW) buy(`MOTOR-${kw(p)}`, `Electric motor ${p} kW IE3`);
  for (const p of MOTOR_KW) buy(`VFD-${kw(p)}`, `Frequency inverter ${p} kW`);
  for (const d of BAR_DIAMETERS) buy(`BAR-14021-D${d}`, `Round bar 1.4021, d=${d} mm`, 'kg');
  for (const t of SHEETS) buy(`SHEET-S235-T${pad(t, 2)}`, `Steel plate S235JR, ${t} mm`, 'kg');
  for (const h of BEAMS) buy(`BEAM-UPN${h}`, `Channel UPN ${h}, S235JR`, 'm');
  for (const dn of DNS) buy(`PIPE-DN${dn}`, `Steel pipe DN${dn}, P235GH`, 'm');
  for (const dn of DNS) buy(`FLANGE-DN${dn}`, `Weld neck flange DN${dn} PN16`);
  for (const c of CABLES) buy(`CABLE-4G${c}`, `Power cable 4G${c} mm2, H07RN-F`, 'm');
  for (const c of COUPLINGS) buy(`COUPLING-${c}`, `Flexible jaw coupling, size ${c}`);

  // Twelve pump models, each with its own housing, rotor and bearing housing.
  const pumps: Array<{ number: string; size: number }> = [];
  for (let k = 1; k <= 12; k++) {
    const z = (k - 1) % 6;
    const base = `2${pad(k, 2)}`;
    const dn = DNS[z + 1];
    const pump = make(`PUMP-${base}0`, `Centrifugal pump series 2000, model ${k}, DN${dn}`);
    const housing = make(`HOUSING-${base}1`, `Pump housing, model ${k}`);
    const housingCasting = buy(`CASTING-${base}2`, `Pump housing casting, model ${k}, EN-GJL-250`);
    const impeller = make(`IMPELLER-${base}3`, `Impeller, closed, model ${k}`);
    const blank = buy(`BLANK-${base}4`, `Impeller blank, model ${k}, CuSn10`);
    const rotor = make(`ROTOR-${base}5`, `Rotor assembly, model ${k}`);
    const shaft = make(`SHAFT-${base}6`, `Drive shaft, model ${k}, 1.4021`);
    const bearingHousing = make(`BRGHSG-${base}7`, `Bearing housing, model ${k}`);
    const bearingCasting = buy(`CASTING-${base}8`, `Bearing housing casting, model ${k}, EN-GJL-250`);
    const bolt = `BOLT-M${BOLT_SIZES[z % 4]}X${BOLT_LENGTHS[(z + 1) % 4]}`;
    const nut = `NUT-M${BOLT_SIZES[z % 4]}`;
    structure(pump, [
      [housing, 1],
      [rotor, 1],
      [bearingHousing, 1],
      [`MSEAL-${SEAL_DIAMETERS[z]}`, 1],
      [`ORING-${pad(ORINGS[z * 2], 3)}`, 2],
      [`GASKET-DN${dn}`, 1],
      [bolt, 8],
      [`WASHER-M${BOLT_SIZES[z % 4]}`, 8],
    ]);
    structure(housing, [
      [housingCasting, 1],
      [bolt, 4],
      [nut, 4],
    ]);
    structure(rotor, [
      [shaft, 1],
      [impeller, 1],
      [`BEARING-${BEARINGS[z + 2]}`, 2],
      [`NUT-M${NUT_SIZES[z % 5]}`, 1],
    ]);
    structure(shaft, [[`BAR-14021-D${BAR_DIAMETERS[z]}`, Math.round((1.2 + z * 0.4) * 10) / 10, 'kg']]);
    structure(impeller, [[blank, 1]]);
    structure(bearingHousing, [
      [bearingCasting, 1],
      [`ORING-${pad(ORINGS[z * 2 + 1], 3)}`, 1],
    ]);
    pumps.push({ number: pump, size: z });
  }

  // Six booster skids, each with two pump units (two of the pump models), a frame, a manifold
  // and a control panel.
  for (let j = 1; j <= 6; j++) {
    const skid = make(`SKID-7${j}00`, `Booster pump skid ${j}, 2 pumps`);
    const frame = make(`FRAME-7${j}10`, `Skid base frame ${j}`);
    const weldment = make(`WELD-7${j}11`, `Base frame weldment ${j}`);
    const manifold = make(`MANIFOLD-7${j}40`, `Discharge manifold ${j}`);
    const panel = make(`PANEL-7${j}50`, `Control panel ${j}`);
    const enclosure = buy(`ENCLOSURE-7${j}51`, `Control cabinet enclosure ${j}, IP55`);
    const dn = DNS[j + 1];
    const units = [0, 1].map((u) => {
      const pump = pumps[(j - 1) * 2 + u];
      const unit = make(`PUMPUNIT-7${j}${u + 2}0`, `Pump unit ${j}.${u + 1} (pump, motor, coupling, baseplate)`);
      const baseplate = make(`BASEPLATE-7${j}${u + 2}1`, `Pump unit baseplate ${j}.${u + 1}`);
      const motor = MOTOR_KW[Math.min(pump.size + 2, MOTOR_KW.length - 1)];
      structure(unit, [
        [pump.number, 1],
        [`MOTOR-${kw(motor)}`, 1],
        [`COUPLING-${COUPLINGS[pump.size]}`, 1],
        [baseplate, 1],
        [`BOLT-M${BOLT_SIZES[(pump.size + 1) % 4]}X${BOLT_LENGTHS[2]}`, 8],
      ]);
      structure(baseplate, [[`SHEET-S235-T${pad(SHEETS[(j + u) % SHEETS.length], 2)}`, 18 + j * 2, 'kg']]);
      return { unit, motor };
    });
    const spools = [1, 2].map((s) => {
      const spool = make(`SPOOL-7${j}4${s}`, `Pipe spool ${j}.${s}, DN${dn}`);
      structure(spool, [
        [`PIPE-DN${dn}`, 1.5 + s * 0.5, 'm'],
        [`FLANGE-DN${dn}`, 2],
        [`GASKET-DN${dn}`, 2],
      ]);
      return spool;
    });
    structure(skid, [
      [frame, 1],
      [units[0].unit, 1],
      [units[1].unit, 1],
      [manifold, 1],
      [panel, 1],
    ]);
    structure(frame, [
      [weldment, 1],
      ['BOLT-M8', 12],
      ['NUT-M8', 12],
    ]);
    structure(weldment, [
      [`BEAM-UPN${BEAMS[j % BEAMS.length]}`, 6 + j, 'm'],
      [`SHEET-S235-T${pad(SHEETS[j % SHEETS.length], 2)}`, 25 + j * 5, 'kg'],
    ]);
    structure(manifold, [
      [spools[0], 1],
      [spools[1], 1],
      [`BOLT-M${BOLT_SIZES[j % 4]}X${BOLT_LENGTHS[1]}`, 16],
      [`NUT-M${BOLT_SIZES[j % 4]}`, 16],
    ]);
    structure(panel, [
      [enclosure, 1],
      [`VFD-${kw(units[0].motor)}`, 1],
      [`VFD-${kw(units[1].motor)}`, 1],
      [`CABLE-4G${CABLES[j % CABLES.length]}`, 12 + j, 'm'],
    ]);
  }
  return { parts, uses };
}

/** The prefix of a family part number (`PUMP`, `HOUSING`, `SKID`, ...): its kind. */
export function partKind(number: string): string {
  return number.slice(0, number.indexOf('-'));
}
