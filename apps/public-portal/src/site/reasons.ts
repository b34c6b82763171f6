/**
 * The site's 400 page in Chinese: the public API's reasons are English sentences (its
 * validators' and libs/domain's), which the API keeps; the site's Chinese page says the same
 * by pattern, and names the field as the search form labels it. A reason no pattern knows is
 * shown as "取值无效" with the original beside it, so nothing is hidden.
 */

/** The parameters of the site's pages, as their forms and pages call them. */
const FIELDS_ZH: Readonly<Record<string, string>> = {
  q: '产品、品牌、生产企业或被抽样单位',
  result: '结果',
  prefecture: '地区代码',
  jurisdiction: '发布机关所在地',
  category: '产品类别代码',
  sector: '行业',
  from: '公布日期从',
  to: '公布日期至',
  lab: '检验机构',
  plan: '抽查计划',
  noticeNo: '公告号',
  uscc: '统一社会信用代码',
  sort: '排序',
  cursor: '翻页位置',
  limit: '每页条数',
  lang: '语言',
  period: '期间',
  year: '年度',
  by: '统计维度',
};

/** `[pattern, Chinese]`: `$1`… stand for the pattern's groups. */
const REASONS_ZH: readonly (readonly [RegExp, string])[] = [
  [/^unknown field$/, '没有这个参数'],
  [/^must be given once$/, '只能给出一次'],
  [/^must be zh or en$/, '应为 zh（中文）或 en（英文）'],
  [/^must be shorter than or equal to (\d+) characters?$/, '不能超过 $1 个字符'],
  [/^must be longer than or equal to 1 characters?$/, '不能为空'],
  [/^must be longer than or equal to (\d+) characters?$/, '至少应有 $1 个字符'],
  [/^must be a string$/, '应为文字'],
  [/^must not contain control characters$/, '不能包含控制字符'],
  [/^must not be blank$/, '不能只有空白'],
  [/^must be one of the following values: (.+)$/, '应为以下值之一：$1'],
  [/^must not be greater than (-?\d+)$/, '不能大于 $1'],
  [/^must not be less than (-?\d+)$/, '不能小于 $1'],
  [/^must be an integer number$/, '应为整数'],
  [
    /^must be a date (?:written|string) YYYY-MM-DD(?:, got .*)?$/,
    '应为日期，写作 年-月-日（YYYY-MM-DD）',
  ],
  [/^year 0000 does not exist/, '不存在 0000 年（年份为 0001–9999）'],
  [/^month (\d+) does not exist$/, '不存在 $1 月'],
  [
    /^(\d{4}-\d{2}-\d{2}) does not exist \((\d{4})-(\d{2}) has (\d+) days\)$/,
    '日期 $1 不存在（$2 年 $3 月只有 $4 天）',
  ],
  [/^must not be before from \((.+)\)$/, '不能早于“公布日期从”（$1）'],
  [/^must be a GB\/T 2260 region code of 6 digits$/, '应为 6 位行政区划代码（GB/T 2260）'],
  [/^must be a 6-digit region code$/, '应为 6 位行政区划代码（GB/T 2260）'],
  [/^must be a UUID$/, '应为 UUID（如 123e4567-e89b-12d3-a456-426614174000）'],
  [/^USCC must be 18 characters, got (\d+)$/, '应为 18 位，实际为 $1 位'],
  [/^USCC must be a string$/, '应为 18 位统一社会信用代码'],
  [/^invalid character '(.+)' at position (\d+)/, '第 $2 位的字符“$1”不能出现在统一社会信用代码中'],
  [/^check character is (.), expected (.)$/, '校验码为 $1，按前 17 位计算应为 $2'],
  [
    /^is not a cursor this API issued(?: for this sort)?$/,
    '不是本站给出的翻页位置：请从第一页重新查询',
  ],
  [
    /^must be a year \(2026\), a quarter \(2026-Q3\) or a month \(2026-07\)(?:, got .*)?$/,
    '应为年（2026）、季度（2026-Q3）或月份（2026-07）',
  ],
  [/^year must be 2000–2100, got (\d+)$/, '年份应在 2000–2100 之间，实际为 $1'],
  [/^must be a comma-separated list$/, '应为以逗号分隔的列表'],
  [/^unknown dimension "(.*)"; known: (.+)$/, '没有统计维度“$1”，可用：$2'],
];

/**
 * A refusal's reason in Chinese. class-validator's sentences start with the field's name
 * (`q must be shorter than…`); it is dropped, the page names the field itself.
 */
export function reasonZh(field: string, reason: string): string {
  const bare = reason.startsWith(`${field} `) ? reason.slice(field.length + 1) : reason;
  for (const [pattern, zh] of REASONS_ZH) {
    const m = pattern.exec(bare);
    if (m) return zh.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return `取值无效（${reason}）`;
}

/** The field as the site's forms name it, or null for one they do not have. */
export const fieldZh = (field: string): string | null =>
  Object.hasOwn(FIELDS_ZH, field) ? FIELDS_ZH[field] : null;
