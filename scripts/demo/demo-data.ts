/**
 * Synthetic demo data for Spotcheck (docs/rules.md §3.1 directories): the check-item catalog, and
 * enterprises, inspectors and labs in Inner Mongolia.
 *
 * Pure and deterministic: no I/O, no clock, no Math.random. Every row is derived from
 * (seed, index) alone, so row i can be produced without producing rows 0..i-1, a longer run
 * starts with the same rows as a shorter one, and the 1,000,000-row benchmark can stream rows
 * straight into CSV without holding them.
 *
 * Everything is fictitious. Every enterprise and lab name carries the marker （演示）, so a
 * demo row found in a real database or a screenshot cannot be mistaken for a real company.
 * Catalog items cite real method standards and limits so that demo verdicts look right to a
 * regulator, but the catalog is a demo, not a legal reference.
 */
import {
  completeUscc,
  countiesOf,
  USCC_ALPHABET,
  INNER_MONGOLIA_PREFECTURES,
  regionName,
  type EnterpriseSize,
  type EnterpriseStatus,
  type LabStaffRole,
  type LimitRule,
  type RiskClass,
  type Sector,
} from '@spotcheck/domain';

export const DEMO_SEED = 20250601;

/** Marker in every generated organisation name (full-width parentheses, as in Chinese names). */
export const DEMO_MARKER = '（演示）';

// ---------------------------------------------------------------------------------------------
// Catalog
// ---------------------------------------------------------------------------------------------

export interface DemoItem {
  code: string;
  name: string;
  method: string;
  unit: string;
  limit: LimitRule;
}

export interface DemoCategory {
  code: string;
  name: string;
  sector: Sector;
  items: DemoItem[];
}

// Limits are written exactly as in the standards: under GB/T 8170 the number of decimals of a
// limit decides how a result is rounded before comparison, so '17.0' must not become '17'.
// An absent bound has a false inclusive flag, the canonical form validateLimitRule returns.
const ge = (min: string): LimitRule => ({
  kind: 'range',
  min,
  minInclusive: true,
  maxInclusive: false,
});
const le = (max: string): LimitRule => ({
  kind: 'range',
  max,
  minInclusive: false,
  maxInclusive: true,
});
const span = (min: string, max: string): LimitRule => ({
  kind: 'range',
  min,
  max,
  minInclusive: true,
  maxInclusive: true,
});
const nd = (detectionLimit: string): LimitRule => ({ kind: 'not_detected', detectionLimit });
const oneOf = (...allowed: string[]): LimitRule => ({ kind: 'text', allowed });
const item = (
  code: string,
  name: string,
  method: string,
  unit: string,
  limit: LimitRule,
): DemoItem => ({
  code,
  name,
  method,
  unit,
  limit,
});

// Chinese test reports write '/' in the unit column of dimensionless and qualitative items.
const NO_UNIT = '/';
// Pathogens are tested qualitatively (presence in 25 g or 25 mL) and reported as 未检出/检出,
// so a text rule says what the lab writes; not_detected is kept for residues with a real LOD.
const ABSENT = '未检出';
const CHP_2020 = '《中国药典》2020年版';
const GRADES_3_UP = ['3', '3-4', '4', '4-5', '5'];

export const DEMO_CATALOG: DemoCategory[] = [
  {
    code: 'DAIRY-PAST',
    name: '巴氏杀菌乳',
    sector: 'food',
    items: [
      item('PROTEIN', '蛋白质', 'GB 5009.5-2016', 'g/100g', ge('2.9')),
      item('FAT', '脂肪', 'GB 5009.6-2016', 'g/100g', ge('3.1')),
      item('NFMS', '非脂乳固体', 'GB 5413.39-2010', 'g/100g', ge('8.1')),
      item('ACIDITY', '酸度', 'GB 5009.239-2016', '°T', span('12', '18')),
      item('MELAMINE', '三聚氰胺', 'GB/T 22388-2008', 'mg/kg', le('2.5')),
      // GB 19645 sets n=5, c=2, m=50000, M=100000; one result per sample is checked against M.
      item('APC', '菌落总数', 'GB 4789.2-2022', 'CFU/mL', le('100000')),
      item('COLIFORM', '大肠菌群', 'GB 4789.3-2016', 'CFU/mL', le('5')),
      item('S-AUREUS', '金黄色葡萄球菌', 'GB 4789.10-2016', '/25mL', oneOf(ABSENT)),
      item('SALMONELLA', '沙门氏菌', 'GB 4789.4-2024', '/25mL', oneOf(ABSENT)),
    ],
  },
  {
    code: 'DAIRY-UHT',
    name: '灭菌乳',
    sector: 'food',
    items: [
      item('PROTEIN', '蛋白质', 'GB 5009.5-2016', 'g/100g', ge('2.9')),
      item('FAT', '脂肪', 'GB 5009.6-2016', 'g/100g', ge('3.1')),
      item('NFMS', '非脂乳固体', 'GB 5413.39-2010', 'g/100g', ge('8.1')),
      item('ACIDITY', '酸度', 'GB 5009.239-2016', '°T', span('12', '18')),
      item('MELAMINE', '三聚氰胺', 'GB/T 22388-2008', 'mg/kg', le('2.5')),
      item('AFM1', '黄曲霉毒素M1', 'GB 5009.24-2016', 'μg/kg', le('0.5')),
      item('STERILITY', '商业无菌', 'GB 4789.26-2023', NO_UNIT, oneOf('商业无菌')),
    ],
  },
  {
    code: 'DAIRY-FPOWDER',
    name: '调制乳粉',
    sector: 'food',
    items: [
      item('PROTEIN', '蛋白质', 'GB 5009.5-2016', 'g/100g', ge('16.5')),
      item('MOISTURE', '水分', 'GB 5009.3-2016', 'g/100g', le('5.0')),
      item('MELAMINE', '三聚氰胺', 'GB/T 22388-2008', 'mg/kg', le('2.5')),
      item('LEAD', '铅（以Pb计）', 'GB 5009.12-2023', 'mg/kg', le('0.5')),
      item('AFM1', '黄曲霉毒素M1', 'GB 5009.24-2016', 'μg/kg', le('0.5')),
      item('APC', '菌落总数', 'GB 4789.2-2022', 'CFU/g', le('200000')),
      item('COLIFORM', '大肠菌群', 'GB 4789.3-2016', 'CFU/g', le('100')),
      item('SALMONELLA', '沙门氏菌', 'GB 4789.4-2024', '/25g', oneOf(ABSENT)),
    ],
  },
  {
    code: 'MEAT-CATTLE-SHEEP',
    name: '牛羊肉',
    sector: 'agricultural',
    items: [
      // Banned for food animals (农业农村部公告第250号): any finding above the LOD fails.
      item('CLENBUTEROL', '克伦特罗', 'GB/T 22286-2008', 'μg/kg', nd('0.5')),
      item('RACTOPAMINE', '莱克多巴胺', 'GB/T 22286-2008', 'μg/kg', nd('0.5')),
      item('SALBUTAMOL', '沙丁胺醇', 'GB/T 22286-2008', 'μg/kg', nd('0.5')),
      item('CHLORAMPHENICOL', '氯霉素', 'GB/T 22338-2008', 'μg/kg', nd('0.1')),
      item('TVBN', '挥发性盐基氮', 'GB 5009.228-2016', 'mg/100g', le('15')),
      item('LEAD', '铅（以Pb计）', 'GB 5009.12-2023', 'mg/kg', le('0.2')),
    ],
  },
  {
    code: 'POTATO',
    name: '马铃薯',
    sector: 'agricultural',
    items: [
      item('LEAD', '铅（以Pb计）', 'GB 5009.12-2023', 'mg/kg', le('0.2')),
      item('CADMIUM', '镉（以Cd计）', 'GB 5009.15-2023', 'mg/kg', le('0.1')),
      item('CARBOFURAN', '克百威', 'GB 23200.112-2018', 'mg/kg', le('0.02')),
      item('PHORATE', '甲拌磷', 'GB 23200.113-2018', 'mg/kg', le('0.01')),
    ],
  },
  {
    code: 'CASHMERE-KNIT',
    name: '羊绒针织品',
    sector: 'consumer_goods',
    items: [
      // FZ/T 01053: a garment labelled 100% cashmere may contain up to 5% wool.
      item('FIBER', '纤维含量（山羊绒）', 'GB/T 16988-2013', '%', ge('95.0')),
      item('PILLING', '起球', 'GB/T 4802.3-2008', '级', oneOf('3-4', '4', '4-5', '5')),
      item('PH', 'pH值', 'GB/T 7573-2009', NO_UNIT, span('4.0', '8.5')),
      item('HCHO', '甲醛含量', 'GB/T 2912.1-2009', 'mg/kg', le('75')),
      item('AZO', '可分解致癌芳香胺染料', 'GB/T 17592-2011', 'mg/kg', nd('20')),
      item('CF-WATER', '耐水色牢度（变色）', 'GB/T 5713-2013', '级', oneOf(...GRADES_3_UP)),
      item('ODOR', '异味', 'GB 18401-2010', NO_UNIT, oneOf('无')),
    ],
  },
  {
    code: 'CHILD-APPAREL',
    name: '儿童服装',
    sector: 'consumer_goods',
    items: [
      // GB 31701 class B (children 3–14 years); infants' wear would be class A (≤20 mg/kg).
      item('HCHO', '甲醛含量', 'GB/T 2912.1-2009', 'mg/kg', le('75')),
      item('PH', 'pH值', 'GB/T 7573-2009', NO_UNIT, span('4.0', '8.5')),
      item('AZO', '可分解致癌芳香胺染料', 'GB/T 17592-2011', 'mg/kg', nd('20')),
      item('CF-RUB-DRY', '耐干摩擦色牢度', 'GB/T 3920-2008', '级', oneOf(...GRADES_3_UP)),
      item('CORDS', '绳带要求', 'GB 31701-2015', NO_UNIT, oneOf('符合')),
      item('ATTACH', '附件抗拉强力', 'GB 31701-2015', 'N', ge('70')),
    ],
  },
  {
    code: 'TOY',
    name: '玩具',
    sector: 'consumer_goods',
    items: [
      item('SMALL-PARTS', '小零件', 'GB 6675.2-2014', NO_UNIT, oneOf('符合')),
      item('SHARP-EDGE', '可触及的锐利边缘', 'GB 6675.2-2014', NO_UNIT, oneOf('符合')),
      item('PHTHALATE', '增塑剂（DBP+BBP+DEHP）', 'GB/T 22048-2022', '%', le('0.1')),
      item('SB', '可迁移元素 锑', 'GB 6675.4-2014', 'mg/kg', le('60')),
      item('AS', '可迁移元素 砷', 'GB 6675.4-2014', 'mg/kg', le('25')),
      item('BA', '可迁移元素 钡', 'GB 6675.4-2014', 'mg/kg', le('1000')),
      item('CD', '可迁移元素 镉', 'GB 6675.4-2014', 'mg/kg', le('75')),
      item('CR', '可迁移元素 铬', 'GB 6675.4-2014', 'mg/kg', le('60')),
      item('PB', '可迁移元素 铅', 'GB 6675.4-2014', 'mg/kg', le('90')),
      item('HG', '可迁移元素 汞', 'GB 6675.4-2014', 'mg/kg', le('60')),
      item('SE', '可迁移元素 硒', 'GB 6675.4-2014', 'mg/kg', le('500')),
    ],
  },
  {
    code: 'EBIKE',
    name: '电动自行车',
    sector: 'consumer_goods',
    items: [
      item('MAX-SPEED', '最高设计车速', 'GB 17761-2018', 'km/h', le('25')),
      item('MASS', '整车质量（含蓄电池）', 'GB 17761-2018', 'kg', le('55')),
      item('BATT-VOLTAGE', '蓄电池标称电压', 'GB 17761-2018', 'V', le('48')),
      item('MOTOR-POWER', '电动机额定连续输出功率', 'GB 17761-2018', 'W', le('400')),
      item('BRAKE-DRY', '制动距离（干态）', 'GB 17761-2018', 'm', le('7')),
      item('BRAKE-WET', '制动距离（湿态）', 'GB 17761-2018', 'm', le('9')),
      item('PEDAL', '脚踏骑行能力（30 min骑行距离）', 'GB 17761-2018', 'km', ge('7')),
    ],
  },
  {
    code: 'GAS-STOVE',
    name: '家用燃气灶具',
    sector: 'consumer_goods',
    items: [
      item('FFD', '熄火保护装置', 'GB 16410-2020', NO_UNIT, oneOf('符合')),
      item('GAS-TIGHT', '燃气系统气密性（燃气入口至阀门）', 'GB 16410-2020', 'L/h', le('0.07')),
      item('HEAT-INPUT', '实测折算热负荷偏差', 'GB 16410-2020', '%', span('-10', '10')),
      item('CO', '干烟气中一氧化碳含量（α=1）', 'GB 16410-2020', '%', le('0.05')),
      item('EFFICIENCY', '热效率', 'GB 16410-2020', '%', ge('55')),
    ],
  },
  {
    code: 'WIRE-CABLE',
    name: '电线电缆',
    sector: 'manufacturing',
    // Limits of 60227 IEC 01 (BV) 450/750 V 2.5 mm², the most sampled building wire.
    items: [
      item('COND-RES', '导体电阻（20℃）', 'GB/T 3048.4-2007', 'Ω/km', le('7.41')),
      item('INS-THK-AVG', '绝缘平均厚度', 'GB/T 2951.11-2008', 'mm', ge('0.8')),
      item('INS-THK-MIN', '绝缘最薄处厚度', 'GB/T 2951.11-2008', 'mm', ge('0.62')),
      item('INS-TS', '绝缘老化前抗张强度', 'GB/T 2951.11-2008', 'N/mm²', ge('12.5')),
      item('INS-EB', '绝缘老化前断裂伸长率', 'GB/T 2951.11-2008', '%', ge('125')),
      item('FLAME', '单根垂直燃烧试验', 'GB/T 18380.12-2022', NO_UNIT, oneOf('合格')),
      item('VOLTAGE', '成品电缆电压试验', 'GB/T 3048.8-2007', NO_UNIT, oneOf('不击穿')),
    ],
  },
  {
    code: 'CEMENT',
    name: '通用硅酸盐水泥',
    sector: 'manufacturing',
    // Limits for P·O 42.5 under GB 175.
    items: [
      item('CS-3D', '3d抗压强度', 'GB/T 17671-2021', 'MPa', ge('17.0')),
      item('CS-28D', '28d抗压强度', 'GB/T 17671-2021', 'MPa', ge('42.5')),
      item('SET-INIT', '初凝时间', 'GB/T 1346-2011', 'min', ge('45')),
      item('SET-FINAL', '终凝时间', 'GB/T 1346-2011', 'min', le('600')),
      item('SOUNDNESS', '安定性（沸煮法）', 'GB/T 1346-2011', NO_UNIT, oneOf('合格')),
      item('SO3', '三氧化硫', 'GB/T 176-2017', '%', le('3.5')),
      item('MGO', '氧化镁', 'GB/T 176-2017', '%', le('5.0')),
      item('CL', '氯离子', 'GB/T 176-2017', '%', le('0.06')),
      item('LOI', '烧失量', 'GB/T 176-2017', '%', le('5.0')),
    ],
  },
  {
    code: 'INSULATION',
    name: '保温材料',
    sector: 'manufacturing',
    // Expanded polystyrene board (EPS, GB/T 10801.1), the common external-wall insulation.
    items: [
      item('THERMAL-COND', '导热系数（平均温度25℃）', 'GB/T 10294-2008', 'W/(m·K)', le('0.039')),
      item('COMP-STRENGTH', '压缩强度', 'GB/T 8813-2020', 'kPa', ge('100')),
      item('OXYGEN-INDEX', '氧指数', 'GB/T 2406.2-2009', '%', ge('30')),
      item('FIRE-CLASS', '燃烧性能等级', 'GB 8624-2012', NO_UNIT, oneOf('A', 'A1', 'A2', 'B1')),
    ],
  },
  {
    code: 'FERTILIZER',
    name: '复合肥料',
    sector: 'manufacturing',
    // High-concentration grade under GB/T 15063-2020, not labelled as containing chlorine.
    items: [
      item(
        'NUTRIENT',
        '总养分（N+P₂O₅+K₂O）',
        'GB/T 8572-2010、GB/T 8573-2017、GB/T 8574-2010',
        '%',
        ge('40.0'),
      ),
      item('WS-P', '水溶性磷占有效磷百分率', 'GB/T 8573-2017', '%', ge('60')),
      item('MOISTURE', '水分（H₂O）', 'GB/T 8577-2010', '%', le('2.0')),
      item('GRANULE', '粒度（1.00 mm～4.75 mm）', 'GB/T 24891-2010', '%', ge('90')),
      item('CL', '氯离子', 'GB/T 15063-2020', '%', le('3.0')),
      item('BIURET', '缩二脲', 'GB/T 22924-2008', '%', le('1.5')),
    ],
  },
  {
    code: 'TCM-GANCAO',
    name: '中药饮片（甘草片）',
    sector: 'drug',
    // Glycyrrhiza from Ordos, Bayannur and Alxa is a regional staple; drugs follow the
    // Pharmacopoeia, not GB standards.
    items: [
      item('MOISTURE', '水分', `${CHP_2020}四部 通则0832`, '%', le('12.0')),
      item('ASH', '总灰分', `${CHP_2020}四部 通则2302`, '%', le('5.0')),
      item('LIQUIRITIN', '甘草苷', `${CHP_2020}一部 甘草`, '%', ge('0.45')),
      item('GLYCYRRHIZIN', '甘草酸', `${CHP_2020}一部 甘草`, '%', ge('1.8')),
      item('PB', '铅', `${CHP_2020}四部 通则2321`, 'mg/kg', le('5')),
      item('CD', '镉', `${CHP_2020}四部 通则2321`, 'mg/kg', le('1')),
      item('AS', '砷', `${CHP_2020}四部 通则2321`, 'mg/kg', le('2')),
      item('HG', '汞', `${CHP_2020}四部 通则2321`, 'mg/kg', le('0.2')),
      item('CU', '铜', `${CHP_2020}四部 通则2321`, 'mg/kg', le('20')),
    ],
  },
  {
    code: 'DRUG-APAP-TAB',
    name: '对乙酰氨基酚片',
    sector: 'drug',
    items: [
      item('IDENT', '鉴别', `${CHP_2020}二部 对乙酰氨基酚片`, NO_UNIT, oneOf('符合规定')),
      item('PAP', '对氨基酚', `${CHP_2020}二部 对乙酰氨基酚片`, '%', le('0.1')),
      item('DISSOLUTION', '溶出度', `${CHP_2020}四部 通则0931`, '%', ge('80')),
      item(
        'ASSAY',
        '含量（占标示量）',
        `${CHP_2020}二部 对乙酰氨基酚片`,
        '%',
        span('95.0', '105.0'),
      ),
    ],
  },
];

// Words for generated names, by category: industry words for companies, a shop word for
// individual households (个体工商户), whose names describe the trade rather than an industry.
const INDUSTRY_WORDS: Record<string, { company: readonly string[]; shop: string }> = {
  'DAIRY-PAST': { company: ['乳业', '乳品', '牧业', '食品'], shop: '鲜奶' },
  'DAIRY-UHT': { company: ['乳业', '乳品', '食品'], shop: '乳品' },
  'DAIRY-FPOWDER': { company: ['乳业', '乳粉', '营养食品'], shop: '乳品' },
  'MEAT-CATTLE-SHEEP': { company: ['肉业', '牧业', '食品', '牛羊肉'], shop: '牛羊肉' },
  POTATO: { company: ['农业', '薯业', '农产品'], shop: '果蔬' },
  'CASHMERE-KNIT': { company: ['羊绒制品', '绒纺', '服饰', '毛纺'], shop: '羊绒衫' },
  'CHILD-APPAREL': { company: ['服饰', '童装', '纺织品'], shop: '童装' },
  TOY: { company: ['玩具', '文体用品', '商贸'], shop: '玩具' },
  EBIKE: { company: ['车业', '电动车', '商贸'], shop: '电动车' },
  'GAS-STOVE': { company: ['燃气具', '厨具', '五金电器'], shop: '厨具' },
  'WIRE-CABLE': { company: ['电线电缆', '线缆', '电工器材'], shop: '电料' },
  CEMENT: { company: ['水泥', '建材'], shop: '建材' },
  INSULATION: { company: ['保温材料', '新型建材', '节能科技'], shop: '保温材料' },
  FERTILIZER: { company: ['肥业', '化肥', '农资'], shop: '农资' },
  'TCM-GANCAO': { company: ['药业', '中药饮片', '蒙中药'], shop: '药材' },
  'DRUG-APAP-TAB': { company: ['药业', '制药', '医药'], shop: '药品' },
};

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

/** murmur3 finaliser: spreads consecutive indexes and seeds into unrelated 32-bit states. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** mulberry32: small, fast, and good enough for picking demo values. */
class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed | 0;
  }
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
}

// Separate streams per kind of row, so that inspector 5 and enterprise 5 are unrelated.
const SALT_ENTERPRISE = 0x0e17e5;
const SALT_ORG_CODE = 0x05c0de;
const SALT_INSPECTOR = 0x1a5bec;
const SALT_LAB = 0x1ab5;

function normSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

function rowRng(seed: number, index: number, salt: number): Rng {
  return new Rng(mix32(mix32(index ^ salt) ^ mix32(seed + salt)));
}

/** Cumulative weights normalised to end at exactly 1, for one-pass weighted picks. */
function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let k = 0; k < weights.length; k++) {
    acc += weights[k];
    out[k] = acc / total;
  }
  out[out.length - 1] = 1;
  return out;
}

function pickIndex(cum: Float64Array, x: number): number {
  let k = 0;
  while (x >= cum[k]) k++;
  return k;
}

// ---------------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------------

/** Resident population in 10,000s, 7th national census (2020). */
const PREFECTURE_POPULATION: Record<string, number> = {
  '150100': 344.6,
  '150200': 271.0,
  '150300': 55.7,
  '150400': 403.6,
  '150500': 287.3,
  '150600': 215.4,
  '150700': 224.3,
  '150800': 153.9,
  '150900': 170.6,
  '152200': 141.6,
  '152500': 111.2,
  '152900': 26.2,
};

/**
 * Multipliers on a category's base weight in each prefecture, after the region's real
 * industries: dairy in Hohhot and Hulunbuir, cashmere in Ordos, Baotou and Alxa, cattle and
 * sheep in Xilingol and Tongliao, potatoes in Ulanqab, cement and chemicals in Wuhai.
 */
const CATEGORY_BASE_WEIGHT: Record<string, number> = {
  'DAIRY-PAST': 2,
  'DAIRY-UHT': 1.5,
  'DAIRY-FPOWDER': 1,
  'MEAT-CATTLE-SHEEP': 3,
  POTATO: 2,
  'CASHMERE-KNIT': 1.5,
  'CHILD-APPAREL': 3,
  TOY: 3,
  EBIKE: 3,
  'GAS-STOVE': 3,
  'WIRE-CABLE': 2.5,
  CEMENT: 1.5,
  INSULATION: 2,
  FERTILIZER: 2.5,
  'TCM-GANCAO': 1,
  'DRUG-APAP-TAB': 1.5,
};

const REGIONAL_BIAS: Record<string, Record<string, number>> = {
  '150100': {
    'DAIRY-PAST': 6,
    'DAIRY-UHT': 6,
    'DAIRY-FPOWDER': 5,
    'DRUG-APAP-TAB': 3,
    'WIRE-CABLE': 1.5,
  },
  '150200': { 'CASHMERE-KNIT': 5, 'WIRE-CABLE': 3, INSULATION: 2, EBIKE: 1.5 },
  '150300': { CEMENT: 5, FERTILIZER: 3, INSULATION: 2 },
  '150400': { 'MEAT-CATTLE-SHEEP': 2, POTATO: 2, CEMENT: 2, 'TCM-GANCAO': 2, FERTILIZER: 1.5 },
  '150500': { 'MEAT-CATTLE-SHEEP': 4, 'DAIRY-PAST': 2, FERTILIZER: 2 },
  '150600': { 'CASHMERE-KNIT': 7, 'TCM-GANCAO': 4, CEMENT: 2, INSULATION: 2 },
  '150700': { 'DAIRY-PAST': 5, 'DAIRY-UHT': 3, 'DAIRY-FPOWDER': 4, 'MEAT-CATTLE-SHEEP': 3 },
  '150800': { 'MEAT-CATTLE-SHEEP': 3, 'TCM-GANCAO': 3, FERTILIZER: 3, POTATO: 1.5 },
  '150900': { POTATO: 7, CEMENT: 2, 'DAIRY-PAST': 2 },
  '152200': { 'MEAT-CATTLE-SHEEP': 3, POTATO: 2, FERTILIZER: 2 },
  '152500': { 'MEAT-CATTLE-SHEEP': 6, 'DAIRY-PAST': 2, 'DAIRY-FPOWDER': 2 },
  '152900': { 'TCM-GANCAO': 5, 'CASHMERE-KNIT': 4, FERTILIZER: 2 },
};

interface County {
  code: string;
  name: string;
  /** District (区): company names use the prefecture instead, as district names repeat. */
  isDistrict: boolean;
  /** Prefecture and county names, precomputed because every address starts with them. */
  addressPrefix: string;
}

interface Prefecture {
  code: string;
  name: string;
  counties: County[];
  countyCum: Float64Array;
  categoryCum: Float64Array;
}

const CATEGORY_CODES: readonly string[] = DEMO_CATALOG.map((c) => c.code);

function buildPrefectures(): Prefecture[] {
  return INNER_MONGOLIA_PREFECTURES.map((code) => {
    // Codes 7x are the NBS statistical codes of development zones, not GB/T 2260 divisions,
    // and never appear in a USCC.
    const counties = countiesOf(code)
      .filter((c) => c[4] !== '7')
      .map((c) => {
        const name = regionName(c) ?? c;
        const addressPrefix = (regionName(code) ?? code) + name;
        return { code: c, name, isDistrict: name.endsWith('区'), addressPrefix };
      });
    if (counties.length === 0) throw new Error(`no counties known for prefecture ${code}`);
    // Urban districts hold most registered businesses.
    const countyCum = cumulative(
      counties.map((c) => (c.isDistrict ? 3 : c.name.endsWith('市') ? 1.5 : 1)),
    );
    const bias = REGIONAL_BIAS[code] ?? {};
    const categoryCum = cumulative(
      CATEGORY_CODES.map((cat) => (CATEGORY_BASE_WEIGHT[cat] ?? 1) * (bias[cat] ?? 1)),
    );
    return { code, name: regionName(code) ?? code, counties, countyCum, categoryCum };
  });
}

const PREFECTURES: readonly Prefecture[] = buildPrefectures();
const PREFECTURE_CUM = cumulative(PREFECTURES.map((p) => PREFECTURE_POPULATION[p.code] ?? 100));

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

/** Enterprise indexes are scrambled within 30 bits; 2^30 > 10^9. */
export const MAX_DEMO_ENTERPRISES = 2 ** 30;
const MASK30 = MAX_DEMO_ENTERPRISES - 1;

/**
 * A bijection on [0, 2^30) (xor, odd multiply and xorshift each invert), so distinct indexes
 * give distinct organisation codes while consecutive ones do not look consecutive.
 */
function scramble30(x: number, key: number): number {
  x = (x ^ key) & MASK30;
  x = Math.imul(x, 0x2c1b3c6d) & MASK30;
  x ^= x >>> 15;
  x = Math.imul(x, 0x297a2d39) & MASK30;
  x ^= x >>> 13;
  return x;
}

// GB 11714 character values: digits as themselves, letters A=10 … Z=35.
const GB11714_VALUE = Array.from(USCC_ALPHABET, (ch) =>
  ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55,
);
const ALPHABET_CODES = Array.from(USCC_ALPHABET, (ch) => ch.charCodeAt(0));
const GB11714_CHECK = '0123456789X0'; // indexed by 11 − (Σ mod 11); 11 is written 0
const BASE31_4 = 31 ** 4;

/**
 * Nine-character organisation code (positions 9–17 of a USCC) for 0 ≤ n < 2^31: eight base-31
 * digits plus the GB 11714 check character that real organisation codes carry.
 *
 * n < 2^31 leaves the top base-31 digits near zero, so each of the four high digits is shifted
 * by a function of the four low ones. Low digits are kept, so the map stays injective, and all
 * arithmetic stays in small integers (this runs once per row of the 1M-row benchmark).
 */
function organizationCode(n: number): string {
  let hi = Math.floor(n / BASE31_4) | 0;
  let lo = n - hi * BASE31_4;
  const d7 = lo % 31;
  lo = (lo / 31) | 0;
  const d6 = lo % 31;
  lo = (lo / 31) | 0;
  const d5 = lo % 31;
  const d4 = (lo / 31) | 0;
  const d3 = (hi + 5 * d7 + 3 * d4) % 31;
  hi = (hi / 31) | 0;
  const d2 = (hi + 7 * d6 + 2 * d5) % 31;
  hi = (hi / 31) | 0;
  const d1 = (hi + 11 * d5 + d7) % 31;
  const d0 = (((hi / 31) | 0) + 13 * d4 + 17 * d6) % 31;
  const v = GB11714_VALUE;
  const sum =
    3 * v[d0] + 7 * v[d1] + 9 * v[d2] + 10 * v[d3] + 5 * v[d4] + 8 * v[d5] + 4 * v[d6] + 2 * v[d7];
  const c = ALPHABET_CODES;
  return (
    String.fromCharCode(c[d0], c[d1], c[d2], c[d3], c[d4], c[d5], c[d6], c[d7]) +
    GB11714_CHECK[11 - (sum % 11)]
  );
}

function uscc(authority: string, type: string, region: string, org: string): string {
  return completeUscc(authority + type + region + org);
}

// ---------------------------------------------------------------------------------------------
// Enterprises
// ---------------------------------------------------------------------------------------------

export interface DemoEnterprise {
  uscc: string;
  name: string;
  address: string;
  regionCode: string;
  size: EnterpriseSize;
  categories: string[];
  riskClass: RiskClass;
  status: EnterpriseStatus;
}

const SIZES: readonly EnterpriseSize[] = ['large', 'medium', 'small', 'micro'];
const SIZE_CUM = cumulative([1.5, 6.5, 27, 65]);
const RISKS: readonly RiskClass[] = ['A', 'B', 'C', 'D'];
const RISK_CUM = cumulative([40, 35, 18, 7]);
const STATUSES: readonly EnterpriseStatus[] = ['active', 'suspended', 'revoked', 'closed'];
const STATUS_CUM = cumulative([95, 2, 1.5, 1.5]);

/** Share of individual households (个体工商户, USCC type '2'). */
const INDIVIDUAL_SHARE = 0.06;

// Auspicious characters and regional words used as trade names (字号).
const TRADE_CHARS = Array.from(
  '鑫源泰祥瑞丰恒盛鸿达金华宏兴隆昌嘉和润德信诚安康宇天正新远通益汇凯骏晟博弘茂辉腾蒙原青城北疆雪驼星阳光明富泽',
);
const TRADE_WORDS = [
  '草原',
  '敕勒川',
  '大青山',
  '黄河',
  '阴山',
  '科尔沁',
  '乌珠穆沁',
  '牧歌',
  '白云',
  '银河',
  '金沙',
  '蒙源',
  '塞北',
  '驼铃',
  '北疆',
  '青城',
  '鹿城',
  '绿野',
  '天骄',
  '苍穹',
];
const STREET_WORDS = [
  '建设',
  '团结',
  '兴业',
  '新华',
  '民族',
  '友谊',
  '光明',
  '富强',
  '和平',
  '迎宾',
  '工业',
  '经纬',
  '繁荣',
  '振兴',
  '育才',
  '腾飞',
  '锦绣',
  '滨河',
  '文化',
  '幸福',
  '创业',
  '长青',
  '学府',
];
const STREET_SUFFIXES = ['路', '路', '街', '大街', '大道'];
const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '有限公司', '有限责任公司'];
const SHOP_FORMS = ['经营部', '商店', '门市部', '加工坊'];

/** Name endings (industry word + legal form + marker) by category index, built once. */
const NAME_SUFFIXES = CATEGORY_CODES.map((code) => {
  const words = INDUSTRY_WORDS[code];
  return {
    company: words.company.flatMap((w) => COMPANY_FORMS.map((f) => w + f + DEMO_MARKER)),
    jointStock: words.company.map((w) => `${w}股份有限公司${DEMO_MARKER}`),
    shop: SHOP_FORMS.map((f) => words.shop + f + DEMO_MARKER),
  };
});

function tradeName(r: Rng): string {
  if (r.float() < 0.25) return r.pick(TRADE_WORDS);
  const a = r.int(TRADE_CHARS.length);
  // Shifting by 1..n-1 guarantees two different characters without a retry loop.
  const b = (a + 1 + r.int(TRADE_CHARS.length - 1)) % TRADE_CHARS.length;
  return TRADE_CHARS[a] + TRADE_CHARS[b];
}

// Built once, so that a row's address is two picks.
const STREETS = STREET_WORDS.flatMap((w) => STREET_SUFFIXES.map((x) => w + x));
const PARK_STREETS = STREETS.map((x) => '工业园区' + x);
const HOUSE_NUMBERS = Array.from({ length: 999 }, (_, k) => `${k + 1}号`);

function streetAddress(r: Rng): string {
  const street = r.float() < 0.2 ? r.pick(PARK_STREETS) : r.pick(STREETS);
  return street + HOUSE_NUMBERS[r.int(r.float() < 0.8 ? 300 : 999)];
}

function checkIndex(i: number, max: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= max) {
    throw new RangeError(`${what} index must be an integer in [0, ${max}), got ${i}`);
  }
}

/**
 * Enterprise number `i` (0 ≤ i < 2^30). Its USCC is unique among all indexes for the same seed,
 * because the organisation code is a bijection of `i`.
 */
export function demoEnterprise(i: number, seed: number = DEMO_SEED): DemoEnterprise {
  checkIndex(i, MAX_DEMO_ENTERPRISES, 'enterprise');
  const s = normSeed(seed);
  const r = rowRng(s, i, SALT_ENTERPRISE);

  const pref = PREFECTURES[pickIndex(PREFECTURE_CUM, r.float())];
  const county = pref.counties[pickIndex(pref.countyCum, r.float())];
  const individual = r.float() < INDIVIDUAL_SHARE;
  const size = individual ? 'micro' : SIZES[pickIndex(SIZE_CUM, r.float())];
  const riskClass = RISKS[pickIndex(RISK_CUM, r.float())];
  const status = STATUSES[pickIndex(STATUS_CUM, r.float())];

  const first = pickIndex(pref.categoryCum, r.float());
  const categories = [CATEGORY_CODES[first]];
  if (r.float() < (individual ? 0.15 : 0.3)) {
    // A repeat draw means a single-category enterprise; cheaper than rejection sampling and
    // the regional bias is kept.
    const second = pickIndex(pref.categoryCum, r.float());
    if (second !== first) categories.push(CATEGORY_CODES[second]);
  }
  const suffixes = NAME_SUFFIXES[first];

  // Names and addresses are joined rather than added: join yields a flat string, while a +
  // chain leaves a rope that CSV quoting and UTF-8 encoding must flatten later, which made the
  // 1M-row CSV about 40 % slower.

  let name: string;
  if (individual) {
    name = [county.name, tradeName(r), r.pick(suffixes.shop)].join('');
  } else {
    const roll = r.float();
    const big = size === 'large' || size === 'medium';
    const place =
      roll < (big ? 0.4 : 0.05)
        ? '内蒙古'
        : roll < 0.7 || county.isDistrict
          ? pref.name
          : county.name;
    const joint = size === 'large' && r.float() < 0.5;
    name = [place, tradeName(r), r.pick(joint ? suffixes.jointStock : suffixes.company)].join('');
  }
  const address = [county.addressPrefix, streetAddress(r)].join('');

  // Larger companies are often registered by the prefecture's bureau, whose code the USCC
  // then carries instead of the county's.
  const registeredAtPrefecture = r.float() < (size === 'large' || size === 'medium' ? 0.6 : 0.1);
  const org = organizationCode(scramble30(i, mix32(s ^ SALT_ORG_CODE) & MASK30));
  return {
    uscc: uscc('9', individual ? '2' : '1', registeredAtPrefecture ? pref.code : county.code, org),
    name,
    address,
    regionCode: county.code,
    size,
    categories,
    riskClass,
    status,
  };
}

/** Enterprises `start` … `start + count - 1`, one at a time. */
export function* demoEnterprises(
  count: number,
  seed: number = DEMO_SEED,
  start = 0,
): Generator<DemoEnterprise, void, undefined> {
  const end = start + count;
  for (let i = start; i < end; i++) yield demoEnterprise(i, seed);
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export const ENTERPRISE_CSV_HEADER_EN =
  'uscc,name,address,region_code,size,categories,risk_class,status';

/** RFC 4180 field: quoted only when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  // Runs 8 times per row of the 1M-row benchmark; a plain scan allocates nothing.
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${s.replace(/"/g, '""')}"`;
  }
  return s;
}

/** One CSV record in ENTERPRISE_CSV_HEADER_EN's column order, terminated by '\n'. */
export function enterpriseCsvLine(e: DemoEnterprise): string {
  return (
    csvField(e.uscc) +
    ',' +
    csvField(e.name) +
    ',' +
    csvField(e.address) +
    ',' +
    csvField(e.regionCode) +
    ',' +
    csvField(e.size) +
    ',' +
    csvField(e.categories.join(';')) +
    ',' +
    csvField(e.riskClass) +
    ',' +
    csvField(e.status) +
    '\n'
  );
}

/**
 * The whole enterprise CSV, header first, in chunks of `rowsPerChunk` records, e.g.
 * `pipeline(Readable.from(enterpriseCsv(1_000_000)), out)`. Fewer, larger writes save stream
 * overhead; 64 measured fastest, since bigger batches outlive a young-generation GC.
 */
export function* enterpriseCsv(
  count: number,
  seed: number = DEMO_SEED,
  rowsPerChunk = 64,
): Generator<string, void, undefined> {
  yield ENTERPRISE_CSV_HEADER_EN + '\n';
  const batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(enterpriseCsvLine(demoEnterprise(i, seed)));
    if (batch.length >= rowsPerChunk) {
      yield batch.join('');
      batch.length = 0;
    }
  }
  if (batch.length > 0) yield batch.join('');
}

// ---------------------------------------------------------------------------------------------
// Inspectors
// ---------------------------------------------------------------------------------------------

export interface DemoInspector {
  staffNo: string;
  name: string;
  regionCode: string;
  unit: string;
  categories: string[];
  active: boolean;
  conflicts: string[];
}

const SECTOR_ORDER: readonly Sector[] = [
  'food',
  'agricultural',
  'consumer_goods',
  'manufacturing',
  'drug',
];
function categoriesOfSectors(sectors: readonly Sector[]): string[] {
  // Catalog order, so the list does not depend on the order the sectors were drawn in.
  return DEMO_CATALOG.filter((c) => sectors.includes(c.sector)).map((c) => c.code);
}

const SURNAMES = Array.from(
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎潘杜戴夏钟汪田任姜范方石姚谭邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟段雷钱汤尹常武乔贺',
);
const GIVEN_CHARS = Array.from(
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志文斌海燕鹏飞宇晨晓东旭辉琳慧婷博',
);
const MONGOLIAN_NAMES = [
  '巴特尔',
  '其其格',
  '乌云',
  '苏日娜',
  '斯琴',
  '额尔敦',
  '宝音',
  '那仁',
  '格日勒',
  '阿拉坦',
  '朝鲁',
  '孟和',
  '图雅',
  '萨仁',
  '娜仁花',
  '呼斯楞',
  '哈斯',
  '敖登',
  '达来',
  '高娃',
  '吉雅',
  '满都拉',
  '木仁',
  '诺敏',
  '其木格',
  '特木尔',
  '乌力吉',
  '乌日娜',
  '萨日娜',
  '布和',
];
const MONGOLIAN_SURNAMES = ['包', '白', '鲍', '奇', '韩', '吴'];

function personName(r: Rng): string {
  if (r.float() < 0.35) {
    const given = r.pick(MONGOLIAN_NAMES);
    return r.float() < 0.4 ? r.pick(MONGOLIAN_SURNAMES) + given : given;
  }
  const surname = r.pick(SURNAMES);
  return r.float() < 0.3
    ? surname + r.pick(GIVEN_CHARS)
    : surname + r.pick(GIVEN_CHARS) + r.pick(GIVEN_CHARS);
}

/**
 * The first 12 × 10 inspectors sit at the 12 prefecture bureaus, two per prefecture and
 * sector, always active: the draw needs two qualified inspectors per task, so any demo with at
 * least this many inspectors can staff every category in every prefecture.
 */
const GUARANTEED_INSPECTORS = PREFECTURES.length * SECTOR_ORDER.length * 2;

/**
 * `count` inspectors. Conflicts of interest name enterprises among demoEnterprise(0 …
 * enterpriseCount − 1, seed), preferably in the inspector's own prefecture, so that they
 * matter in demo draws.
 */
export function demoInspectors(
  count: number,
  seed: number = DEMO_SEED,
  enterpriseCount = 1000,
): DemoInspector[] {
  const s = normSeed(seed);
  const enterprises = Math.min(enterpriseCount, MAX_DEMO_ENTERPRISES);
  const seq = new Map<string, number>();
  const out: DemoInspector[] = [];
  for (let i = 0; i < count; i++) {
    const r = rowRng(s, i, SALT_INSPECTOR);
    let pref: Prefecture;
    let regionCode: string;
    let unit: string;
    let sectors: Sector[];
    let active: boolean;
    if (i < GUARANTEED_INSPECTORS) {
      pref = PREFECTURES[i % PREFECTURES.length];
      regionCode = pref.code;
      unit = `${pref.name}市场监督管理局`;
      sectors = [SECTOR_ORDER[Math.floor(i / PREFECTURES.length) % SECTOR_ORDER.length]];
      active = true;
    } else {
      pref = PREFECTURES[pickIndex(PREFECTURE_CUM, r.float())];
      if (r.float() < 0.5) {
        regionCode = pref.code;
        unit = `${pref.name}市场监督管理局`;
      } else {
        const county = pref.counties[pickIndex(pref.countyCum, r.float())];
        regionCode = county.code;
        unit = `${pref.name}${county.name}市场监督管理局`;
      }
      sectors = [r.pick(SECTOR_ORDER)];
      active = r.float() < 0.92;
    }
    if (r.float() < 0.3) {
      const extra = r.pick(SECTOR_ORDER);
      if (!sectors.includes(extra)) sectors.push(extra);
    }

    const conflicts: string[] = [];
    if (enterprises > 0 && r.float() < 0.08) {
      const n = r.float() < 0.15 ? 2 : 1;
      for (let k = 0; k < n; k++) {
        const c = conflictEnterprise(r, s, enterprises, pref.code);
        if (!conflicts.includes(c)) conflicts.push(c);
      }
    }

    const no = (seq.get(regionCode) ?? 0) + 1;
    seq.set(regionCode, no);
    out.push({
      staffNo: `NM-${regionCode}-${String(no).padStart(4, '0')}`,
      name: personName(r),
      regionCode,
      unit,
      categories: categoriesOfSectors(sectors),
      active,
      conflicts,
    });
  }
  return out;
}

function conflictEnterprise(
  r: Rng,
  seed: number,
  enterpriseCount: number,
  prefCode: string,
): string {
  const prefix = prefCode.slice(0, 4);
  let e = demoEnterprise(r.int(enterpriseCount), seed);
  for (let tries = 0; tries < 24 && !e.regionCode.startsWith(prefix); tries++) {
    e = demoEnterprise(r.int(enterpriseCount), seed);
  }
  return e.uscc;
}

// ---------------------------------------------------------------------------------------------
// Labs
// ---------------------------------------------------------------------------------------------

export interface DemoLab {
  name: string;
  uscc: string;
  cmaNo: string;
  regionCode: string;
  categories: string[];
  capacity: number;
  active: boolean;
}

/**
 * CMA field codes (专业领域类别) used here: 00 food, 02 building materials, 04 agriculture,
 * 11 textiles and garments, 20 general.
 */
type CmaField = '00' | '02' | '04' | '11' | '20';

interface LabTemplate {
  name: string;
  /** Where the lab sits. */
  regionCode: string;
  /** The region code its USCC carries: 150000 for institutes registered by the region. */
  registeredIn: string;
  categories: readonly string[];
  field: CmaField;
}

const TEXTILES = ['CASHMERE-KNIT', 'CHILD-APPAREL'];

/**
 * Public institutes placed so that, with at least this many labs, every category is covered by
 * two or more labs: a retest must go to a different accredited lab than the first test.
 * Names are invented; real institutes with similar roles exist, hence the marker.
 */
const LAB_TEMPLATES: readonly LabTemplate[] = [
  {
    name: '内蒙古北疆产品质量检验研究院',
    regionCode: '150105',
    registeredIn: '150000',
    categories: categoriesOfSectors(['manufacturing', 'consumer_goods']),
    field: '20',
  },
  {
    name: '内蒙古草原食品检验检测中心',
    regionCode: '150105',
    registeredIn: '150000',
    categories: categoriesOfSectors(['food', 'agricultural']),
    field: '00',
  },
  {
    name: '内蒙古青城药品检验所',
    regionCode: '150102',
    registeredIn: '150000',
    categories: categoriesOfSectors(['drug']),
    field: '20',
  },
  {
    name: '包头鹿城产品质量计量检测所',
    regionCode: '150203',
    registeredIn: '150200',
    categories: categoriesOfSectors(['manufacturing', 'consumer_goods']),
    field: '20',
  },
  {
    name: '鄂尔多斯绒城纺织品检验检测中心',
    regionCode: '150602',
    registeredIn: '150600',
    categories: TEXTILES,
    field: '11',
  },
  {
    name: '呼伦贝尔岭北食品药品检验检测中心',
    regionCode: '150702',
    registeredIn: '150700',
    categories: categoriesOfSectors(['food', 'agricultural', 'drug']),
    field: '00',
  },
  {
    name: '赤峰红山综合检验检测中心',
    regionCode: '150402',
    registeredIn: '150400',
    categories: categoriesOfSectors(['manufacturing', 'agricultural']),
    field: '02',
  },
  {
    name: '通辽科尔沁检验检测中心',
    regionCode: '150502',
    registeredIn: '150500',
    categories: categoriesOfSectors(['food', 'agricultural', 'manufacturing']),
    field: '00',
  },
  {
    name: '乌兰察布薯都农产品检验检测中心',
    regionCode: '150902',
    registeredIn: '150900',
    categories: categoriesOfSectors(['agricultural', 'food', 'manufacturing']),
    field: '04',
  },
  {
    name: '巴彦淖尔河套综合检验检测中心',
    regionCode: '150802',
    registeredIn: '150800',
    categories: categoriesOfSectors(['agricultural', 'drug', 'manufacturing']),
    field: '20',
  },
];

const FIELD_BY_SECTOR: Record<Sector, CmaField> = {
  food: '00',
  agricultural: '04',
  consumer_goods: '11',
  manufacturing: '02',
  drug: '20',
};

const LAB_KINDS = ['检测技术', '检验检测', '质量检测', '认证检测'];

/** Four-digit CMA serials are unique per lab index; 7919 is prime and coprime to 9999. */
const MAX_DEMO_LABS = 9999;

/**
 * `count` labs (at most 9999). CMA numbers follow the 12-digit layout of 资质认定证书编号:
 * issue year (2), issuing authority (2, 05 = Inner Mongolia), field (2), supervising sector
 * (2, 11 = quality supervision, 34 = other), serial (4).
 */
export function demoLabs(count: number, seed: number = DEMO_SEED): DemoLab[] {
  if (count > MAX_DEMO_LABS)
    throw new RangeError(`at most ${MAX_DEMO_LABS} demo labs, got ${count}`);
  const s = normSeed(seed);
  const serialOffset = mix32(s ^ SALT_LAB) % MAX_DEMO_LABS;
  const orgKey = mix32(s ^ SALT_LAB ^ SALT_ORG_CODE) & MASK30;
  const out: DemoLab[] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < count; i++) {
    const r = rowRng(s, i, SALT_LAB);
    const template = i < LAB_TEMPLATES.length ? LAB_TEMPLATES[i] : undefined;
    let name: string;
    let regionCode: string;
    let registeredIn: string;
    let categories: string[];
    let field: CmaField;
    if (template) {
      ({ name, regionCode, registeredIn, field } = template);
      categories = [...template.categories];
    } else {
      const pref = PREFECTURES[pickIndex(PREFECTURE_CUM, r.float())];
      const county = pref.counties[pickIndex(pref.countyCum, r.float())];
      regionCode = county.code;
      registeredIn = county.code;
      const sectors: Sector[] = [r.pick(SECTOR_ORDER)];
      if (r.float() < 0.4) {
        const extra = r.pick(SECTOR_ORDER);
        if (!sectors.includes(extra)) sectors.push(extra);
      }
      categories = categoriesOfSectors(sectors);
      field = sectors.length > 1 ? '20' : FIELD_BY_SECTOR[sectors[0]];
      const place = r.float() < 0.5 ? '内蒙古' : pref.name;
      const kind = r.pick(LAB_KINDS);
      name = `${place}${tradeName(r)}${kind}有限公司`;
      // Lab names are shown in pick lists and reports, where two alike would confuse.
      for (let tries = 0; usedNames.has(name); tries++) {
        name = `${place}${tradeName(r)}${tries < 20 ? '' : i}${kind}有限公司`;
      }
    }
    usedNames.add(name);
    const isPublic = template !== undefined;
    const year = String(15 + r.int(10));
    const serial = String(((i * 7919 + serialOffset) % MAX_DEMO_LABS) + 1).padStart(4, '0');
    // Lab org codes live above 2^30, outside the range enterprise codes map to.
    const org = organizationCode(MAX_DEMO_ENTERPRISES + scramble30(i, orgKey));
    out.push({
      name: name + DEMO_MARKER,
      // Public institutes are registered by the staffing authority (1) as public institutions (2).
      uscc: isPublic ? uscc('1', '2', registeredIn, org) : uscc('9', '1', registeredIn, org),
      cmaNo: `${year}05${field}${isPublic ? '11' : '34'}${serial}`,
      regionCode,
      categories,
      capacity: 50 * (isPublic ? 16 + r.int(45) : 3 + r.int(16)),
      active: isPublic || r.float() < 0.9,
    });
  }
  return out;
}

/** Looks up a demo category by code. */
export function demoCategory(code: string): DemoCategory | undefined {
  return DEMO_CATALOG.find((c) => c.code === code);
}

export interface DemoLabStaff {
  sub: string;
  name: string;
  roles: LabStaffRole[];
}

/**
 * The staff every demo lab gets, one person per role of the review chain, so that a lab token
 * with one of these `sub`s can receive a sample, test, review and sign a report at once. Three
 * people because the four-eyes rules forbid one person two steps of the same report.
 */
export const DEMO_LAB_STAFF: readonly DemoLabStaff[] = [
  { sub: 'tester', name: `检验员${DEMO_MARKER}`, roles: ['tester'] },
  { sub: 'reviewer', name: `审核员${DEMO_MARKER}`, roles: ['reviewer'] },
  { sub: 'signatory', name: `授权签字人${DEMO_MARKER}`, roles: ['signatory'] },
];

/** The password of every demo account; printed by `npm start`. */
export const DEMO_PASSWORD = 'spotcheck-demo-2025';

export interface DemoAccount {
  userName: string;
  displayName: string;
  role: 'regulator' | 'lab' | 'enterprise' | 'admin';
  jurisdiction?: string;
  /** Where the account's organisation comes from: the first demo lab, or a Xincheng enterprise. */
  org?: 'lab' | 'enterprise';
  /** A Xincheng inspector's staff number is looked up for it (GET /tasks/mine). */
  inspector?: boolean;
  /** Seeded with its password to be changed first, to try the first sign-in. */
  mustChange?: boolean;
  /** What the account is for, as `npm start` prints it. */
  what: string;
}

/**
 * One account for each kind of person: a regulator at each level of Inner Mongolia (the region,
 * Hohhot, Hohhot's Xincheng district, the last an inspector), the three people of a lab's review
 * chain (their user names are the `sub`s every demo lab has on its staff), an enterprise, an
 * admin, and a newcomer whose first password must be changed.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    userName: 'reg-nm',
    displayName: `内蒙古自治区市场监管局${DEMO_MARKER}`,
    role: 'regulator',
    jurisdiction: '150000',
    what: 'regulator, Inner Mongolia (150000)',
  },
  {
    userName: 'reg-hohhot',
    displayName: `呼和浩特市市场监管局${DEMO_MARKER}`,
    role: 'regulator',
    jurisdiction: '150100',
    what: 'regulator, Hohhot (150100)',
  },
  {
    userName: 'reg-xincheng',
    displayName: `新城区市场监管局检查员${DEMO_MARKER}`,
    role: 'regulator',
    jurisdiction: '150102',
    inspector: true,
    what: "regulator and inspector, Hohhot's Xincheng district (150102)",
  },
  {
    userName: 'tester',
    displayName: `检验员${DEMO_MARKER}`,
    role: 'lab',
    org: 'lab',
    what: 'lab tester (the first demo lab)',
  },
  {
    userName: 'reviewer',
    displayName: `审核员${DEMO_MARKER}`,
    role: 'lab',
    org: 'lab',
    what: 'lab reviewer (the first demo lab)',
  },
  {
    userName: 'signatory',
    displayName: `授权签字人${DEMO_MARKER}`,
    role: 'lab',
    org: 'lab',
    what: 'lab authorised signatory (the first demo lab)',
  },
  {
    userName: 'enterprise',
    displayName: `企业用户${DEMO_MARKER}`,
    role: 'enterprise',
    org: 'enterprise',
    what: 'enterprise (a Xincheng enterprise)',
  },
  { userName: 'admin', displayName: `系统管理员${DEMO_MARKER}`, role: 'admin', what: 'admin' },
  {
    userName: 'newcomer',
    displayName: `新入职监管员${DEMO_MARKER}`,
    role: 'regulator',
    jurisdiction: '150102',
    mustChange: true,
    what: 'regulator whose first password must be changed at sign-in',
  },
];
