import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import { DEV_JWT_SECRET } from '@spotcheck/common';
import { signToken } from '@spotcheck/auth';
import { completeUscc, parseLimitRule } from '@spotcheck/domain';
import { validateBatch } from '../../apps/lab-results/src/reports/batch';
import { seedSampledPlan } from './sampled-plan';
import { benchDatabase, cpuSeconds, fmt, peakRssMiB, startApp, table } from './support';

/**
 * `npm run bench -- ingest [items]`: the labs' bulk-upload benchmark. 1,000,000 result items
 * (50,000 reports of 20 items, one sample each) in 50 requests of 1,000 reports / 20,000 items
 * — the batch limits — and, in the same run, a plain COPY of the same items into a scratch
 * table as the baseline.
 *
 * Measured, in this order:
 * 1. COPY baseline: the same items, one row each, COPY'd in text format into an unindexed
 *    scratch table (`copy_baseline`).
 * 2. In-process validation: JSON.parse + validateBatch (apps/lab-results/src/reports/batch.ts)
 *    of the 50 request bodies, with every item's verdict computed (every item carries its
 *    limit). This is the CPU floor of the endpoint, without HTTP or the database.
 * 3. HTTP: the 50 bodies POSTed (two at a time, see below) to `POST /api/v1/lab/reports/batch` on the
 *    lab-results app running as its own process, as a tester of the lab all 50,000 samples
 *    are assigned to, each request with its own Idempotency-Key. Once the endpoint exists this
 *    measures the whole write path — validation, verdicts, report and item rows, audit and
 *    outbox, the idempotency record — as items/s, the ratio to COPY and the peak RSS of the
 *    lab-results process. Goals: ≥ 20,000 items/s, ≥ 0.15 of the COPY rate, RSS
 *    under 400 MB. While the endpoint is not built (it answers 404), the run says so and
 *    reports 1 and 2 only.
 *
 * Seeded in SQL: one lab with its staff (tester, reviewer, signatory), a product category whose
 * template has the 20 items, a plan, its draw, 50,000 tasks and 50,000 samples assigned to the
 * lab and in custody state `testing` (received, then under test), with their custody events.
 *
 * BODY_LIMIT for the app is raised to 16 MiB: a 20,000-item body is about 4 MiB. Requests go
 * two at a time, as a lab's uploader with two connections would send them on this 2-core
 * machine (the database writes one while the app validates the next); BENCH_CONCURRENCY=n
 * sends n at a time (1: one after another).
 */

const REPORTS_PER_REQUEST = 1_000;
const ITEMS_PER_REPORT = 20;
const CATEGORY = 'BENCH-INGEST';

/** The template: the 20 items of the benchmark's product category, with their limits. */
const TEMPLATE: {
  code: string;
  name: string;
  method: string;
  unit: string;
  limit: string;
  comparison?: 'rounded';
}[] = [
  { code: 'PROT', name: '蛋白质', method: 'GB 5009.5', unit: 'g/100g', limit: '≥2.9' },
  { code: 'FAT', name: '脂肪', method: 'GB 5009.6', unit: 'g/100g', limit: '≥3.1' },
  { code: 'SNF', name: '非脂乳固体', method: 'GB 5413.39', unit: 'g/100g', limit: '≥8.1' },
  { code: 'ACID', name: '酸度', method: 'GB 5009.239', unit: '°T', limit: '12~18' },
  { code: 'PB', name: '铅', method: 'GB 5009.12', unit: 'mg/kg', limit: '≤0.05' },
  { code: 'CD', name: '镉', method: 'GB 5009.15', unit: 'mg/kg', limit: '≤0.1' },
  { code: 'HG', name: '总汞', method: 'GB 5009.17', unit: 'mg/kg', limit: '≤0.01' },
  { code: 'AS', name: '总砷', method: 'GB 5009.11', unit: 'mg/kg', limit: '≤0.1' },
  { code: 'CR', name: '铬', method: 'GB 5009.123', unit: 'mg/kg', limit: '≤0.3' },
  { code: 'NO2', name: '亚硝酸盐', method: 'GB 5009.33', unit: 'mg/kg', limit: '≤0.4' },
  { code: 'AFM1', name: '黄曲霉毒素M1', method: 'GB 5009.24', unit: 'μg/kg', limit: '≤0.5' },
  { code: 'MEL', name: '三聚氰胺', method: 'GB/T 22388', unit: 'mg/kg', limit: '≤2.5' },
  {
    code: 'CAP',
    name: '氯霉素',
    method: 'GB/T 22338',
    unit: 'μg/kg',
    limit: '不得检出(0.1)',
  },
  { code: 'TETRA', name: '四环素', method: 'GB 31658.17', unit: 'μg/kg', limit: '≤100' },
  { code: 'APC', name: '菌落总数', method: 'GB 4789.2', unit: 'CFU/mL', limit: '≤100000' },
  { code: 'COLI', name: '大肠菌群', method: 'GB 4789.3', unit: 'CFU/mL', limit: '≤5' },
  { code: 'SALM', name: '沙门氏菌', method: 'GB 4789.4', unit: '/25mL', limit: '{未检出}' },
  { code: 'STAU', name: '金黄色葡萄球菌', method: 'GB 4789.10', unit: '/25mL', limit: '{未检出}' },
  {
    code: 'DENS',
    name: '相对密度',
    method: 'GB 5009.2',
    unit: '/',
    limit: '≥1.027',
    comparison: 'rounded',
  },
  { code: 'IMP', name: '杂质度', method: 'GB 5413.30', unit: 'mg/kg', limit: '≤4' },
];

/** A value for item `j` of sample `s`: mostly within the limit, 1 in 500 failing (about 4 % of samples). */
function valueOf(s: number, j: number): string {
  const h = (s * 2654435761 + j * 40503) >>> 0;
  const fail = h % 500 === 0;
  switch (TEMPLATE[j].code) {
    case 'PROT':
      return fail ? '2.71' : `3.${10 + (h % 90)}`;
    case 'FAT':
      return fail ? '2.95' : `3.${20 + (h % 80)}`;
    case 'SNF':
      return fail ? '7.98' : `8.${20 + (h % 80)}`;
    case 'ACID':
      return fail ? '19.2' : `${13 + (h % 5)}.${h % 10}`;
    case 'CAP':
      return fail ? '0.35' : 'ND';
    case 'SALM':
    case 'STAU':
      return fail ? '检出' : '未检出';
    case 'APC':
      return fail ? '230000' : String(1000 + (h % 50000));
    case 'DENS':
      return fail ? '1.0262' : `1.0${28 + (h % 4)}${h % 10}`;
    default: {
      const max = Number(/[\d.]+/.exec(TEMPLATE[j].limit)![0]);
      return fail ? String(max * 2) : (max * ((h % 1000) / 1111)).toFixed(4);
    }
  }
}

const sampleNo = (s: number) => `IN-2026-${String(s).padStart(6, '0')}`;
const reportNo = (s: number) => `RPT-2026-${String(s).padStart(6, '0')}`;

/** Whether item j of sample s is reported as not tested (1 in 200). */
const notTested = (s: number, j: number) => (s * 31 + j * 7) % 200 === 0;

/** The JSON body of request `r` (samples r×1000 … r×1000+999), built as a string. */
export function body(r: number, reports: number): string {
  const parts: string[] = [];
  for (let k = 0; k < reports; k++) {
    const s = r * REPORTS_PER_REQUEST + k + 1;
    const items: string[] = [];
    for (let j = 0; j < ITEMS_PER_REPORT; j++) {
      const t = TEMPLATE[j];
      const result = notTested(s, j)
        ? `"notTested":"仪器故障"`
        : `"value":${JSON.stringify(valueOf(s, j))}`;
      items.push(
        `{"itemCode":"${t.code}","itemName":"${t.name}","method":"${t.method}","unit":"${t.unit}",` +
          `"limit":${JSON.stringify(t.limit)},"comparison":"${t.comparison ?? 'full'}",${result}}`,
      );
    }
    parts.push(
      `{"sampleNo":"${sampleNo(s)}","reportNo":"${reportNo(s)}","items":[${items.join(',')}]}`,
    );
  }
  return `{"reports":[${parts.join(',')}]}`;
}

/** A limit's parsed rule; the benchmark's own limits always parse. */
function ruleOf(text: string) {
  const r = parseLimitRule(text);
  if (!r.ok) throw new Error(`bench template limit ${text}: ${r.reason}`);
  return r.rule;
}

/** The same items as COPY text rows. */
function* copyRows(samples: number): Generator<string> {
  for (let s = 1; s <= samples; s += 500) {
    let chunk = '';
    for (let x = s; x < Math.min(s + 500, samples + 1); x++) {
      for (let j = 0; j < ITEMS_PER_REPORT; j++) {
        const t = TEMPLATE[j];
        const nt = notTested(x, j);
        chunk += `${sampleNo(x)}\t${reportNo(x)}\t${t.code}\t${t.name}\t${t.method}\t${t.unit}\t${t.limit}\t${t.comparison ?? 'full'}\t\\N\t${nt ? '\\N' : valueOf(x, j)}\t${nt ? '仪器故障' : '\\N'}\n`;
      }
    }
    yield chunk;
  }
}

export async function ingestBench(items = 1_000_000): Promise<void> {
  const samples = Math.ceil(items / ITEMS_PER_REPORT);
  const requests = Math.ceil(samples / REPORTS_PER_REQUEST);
  const reportsIn = (r: number) => Math.min(REPORTS_PER_REQUEST, samples - r * REPORTS_PER_REQUEST);
  const total = samples * ITEMS_PER_REPORT;
  const db = await benchDatabase('ingest');
  try {
    let t = Date.now();
    const { labId } = await seedIngestData(db.ds, samples);
    console.log(`seeded ${fmt(samples)} samples in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    // 1. COPY baseline.
    await db.ds.query(
      `CREATE TABLE copy_baseline (sample_no text, report_no text, item_code text, item_name text,
         method text, unit text, limit_text text, comparison text, rounding_digits integer,
         value text, not_tested text)`,
    );
    const runner = db.ds.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    let t0 = process.hrtime.bigint();
    await pipeline(
      Readable.from(copyRows(samples)),
      client.query(copyFrom('COPY copy_baseline FROM STDIN')),
    );
    const copySeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await runner.release();

    // 2. In-process: JSON.parse + validateBatch, verdicts included.
    let parseSeconds = 0;
    let validateSeconds = 0;
    let bytes = 0;
    let failed = 0;
    // The request bodies are built once, before anything is timed: a lab's client has its
    // files ready, and building them would otherwise count against the server.
    const bodies: Buffer[] = [];
    for (let r = 0; r < requests; r++) {
      const text = body(r, reportsIn(r));
      bodies.push(Buffer.from(text));
      bytes += Buffer.byteLength(text);
      t0 = process.hrtime.bigint();
      const parsed: unknown = JSON.parse(text);
      const t1 = process.hrtime.bigint();
      const v = validateBatch(parsed);
      validateSeconds += Number(process.hrtime.bigint() - t1) / 1e9;
      parseSeconds += Number(t1 - t0) / 1e9;
      if (!v.ok)
        throw new Error(
          `the generated batch ${r} is invalid: ${JSON.stringify(v.errors.slice(0, 3))}`,
        );
      for (const rep of v.reports) if (rep.outcome === 'fail') failed++;
    }

    // 3. HTTP, when the endpoint exists.
    t = Date.now();
    const app = await startApp('apps/lab-results/src/main.js', {
      DATABASE_URL: db.url,
      BODY_LIMIT: String(16 * 1024 * 1024),
    });
    let http:
      | { concurrency: number; seconds: number; cpu: number; rss: number }
      | { missing: string }
      | undefined;
    try {
      const token = signToken(
        { sub: 'bench-tester', role: 'lab', org: labId },
        { secret: process.env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: 'spotcheck' },
      );
      const post = (r: number) => postJson(app.port, token, '/api/v1/lab/reports/batch', bodies[r]);
      // The first request doubles as the probe: a 404 means the endpoint is not built yet.
      const cpu0 = cpuSeconds(app.child.pid!);
      t0 = process.hrtime.bigint();
      const first = await post(0);
      if (first.status === 404) {
        http = { missing: first.body.slice(0, 200) };
      } else {
        if (first.status >= 300)
          throw new Error(`batch answered ${first.status}: ${first.body.slice(0, 500)}`);
        const concurrency = Math.max(1, Number(process.env.BENCH_CONCURRENCY ?? 2));
        let next = 1;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < requests) {
              const r = next++;
              const res = await post(r);
              if (res.status >= 300)
                throw new Error(`batch ${r} answered ${res.status}: ${res.body.slice(0, 500)}`);
            }
          }),
        );
        http = {
          concurrency,
          seconds: Number(process.hrtime.bigint() - t0) / 1e9,
          cpu: cpuSeconds(app.child.pid!) - cpu0,
          rss: peakRssMiB(app.child.pid!),
        };
      }
    } finally {
      await app.stop();
    }

    const copyRate = total / copySeconds;
    const inProcRate = total / (parseSeconds + validateSeconds);
    console.log(
      `\ningest benchmark: ${fmt(total)} result items, ${fmt(samples)} reports, ${requests} requests of ≤ ${fmt(REPORTS_PER_REQUEST)} reports (${fmt(bytes / 1048576, 1)} MiB of JSON)`,
    );
    const rows: [string, string][] = [
      ['plain COPY into scratch table', `${copySeconds.toFixed(2)} s   ${fmt(copyRate)} items/s`],
      [
        'in-process JSON.parse + validateBatch',
        `${(parseSeconds + validateSeconds).toFixed(2)} s   ${fmt(inProcRate)} items/s   (parse ${parseSeconds.toFixed(2)} s, validate + verdicts ${validateSeconds.toFixed(2)} s = ${fmt(total / validateSeconds)} items/s)`,
      ],
      ['  ratio in-process / COPY', (inProcRate / copyRate).toFixed(2)],
      ['  failed samples found', fmt(failed)],
    ];
    if (http && 'missing' in http) {
      rows.push([
        'HTTP POST /api/v1/lab/reports/batch',
        `NOT MEASURED: the endpoint answers 404 on this branch (${http.missing || 'no body'}); it lands with the lab report tables`,
      ]);
    } else if (http) {
      const rate = total / http.seconds;
      rows.push(
        [
          `HTTP batch upload (validate + verdicts + write + audit), ${http.concurrency} at a time`,
          `${http.seconds.toFixed(2)} s   ${fmt(rate)} items/s`,
        ],
        ['ratio HTTP / COPY', `${(rate / copyRate).toFixed(2)}   (goal ≥ 0.15)`],
        ['goal ≥ 20,000 items/s', rate >= 20_000 ? 'met' : 'NOT met'],
        [
          'CPU time of lab-results',
          `${http.cpu.toFixed(2)} s   ${fmt((http.cpu / total) * 1e6, 1)} µs per item (less disturbed by other load than the rate)`,
        ],
        [
          'peak RSS of lab-results',
          `${fmt(http.rss)} MiB   (goal < 400 MB: ${http.rss * 1.048576 < 400 ? 'met' : 'NOT met'})`,
        ],
      );
    }
    table(rows);
  } finally {
    await db.drop();
  }
}

function postJson(
  port: number,
  token: string,
  path: string,
  json: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': json.length,
          'idempotency-key': randomUUID(),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(json);
  });
}

/** Custody of a sample at the lab: received, then under test. */
const PATH: [kind: string, state: string][] = [
  ['sampled', 'sampled'],
  ['sealed', 'sealed'],
  ['shipped', 'in_transit'],
  ['received', 'received'],
  ['testing', 'testing'],
];

/**
 * One lab with its staff, the benchmark's product category, a plan and its draw, and `samples`
 * tasks and samples assigned to the lab, written set-wise in SQL (after trace-queries.ts).
 */
export async function seedIngestData(ds: DataSource, samples: number): Promise<{ labId: string }> {
  const enterprises = Math.max(1, Math.ceil(samples / 10));
  const usccs = Array.from({ length: enterprises }, (_, i) =>
    completeUscc(`91150102BN${String(i).padStart(7, '0')}`),
  );
  await ds.query(
    `INSERT INTO product_category (code, name, sector, items) VALUES ($1, '巴氏杀菌乳（基准）', 'food', $2::jsonb)`,
    [
      CATEGORY,
      JSON.stringify(
        TEMPLATE.map((t) => ({
          code: t.code,
          name: t.name,
          method: t.method,
          unit: t.unit,
          // The template keeps the parsed rule, as the catalogue stores it; the reports give
          // the same limit as text, which the lab may not change (docs/rules.md §3.4).
          limit: ruleOf(t.limit),
        })),
      ),
    ],
  );
  await ds.query(
    `INSERT INTO enterprise (uscc, name, region_code, size, categories, risk_class)
     SELECT u, '入库基准企业' || i || '（演示）', '150102', 'small', ARRAY[$2],
            (ARRAY['A','B','C','D'])[1 + i % 4]
       FROM unnest($1::text[]) WITH ORDINALITY AS x(u, i)`,
    [usccs, CATEGORY],
  );
  const [lab] = (await ds.query(
    `INSERT INTO lab (name, uscc, cma_no, region_code, categories, capacity)
     VALUES ('入库基准检验所（演示）', '121501000000000LBW', 'INGEST-BENCH', '150102', ARRAY[$1], 1000000)
     RETURNING id`,
    [CATEGORY],
  )) as { id: string }[];
  await ds.query(
    `INSERT INTO lab_staff (lab_id, sub, name, roles) VALUES
       ($1, 'bench-tester', '检验员（基准）', ARRAY['tester']),
       ($1, 'bench-reviewer', '审核员（基准）', ARRAY['reviewer']),
       ($1, 'bench-signatory', '授权签字人（基准）', ARRAY['signatory'])`,
    [lab.id],
  );
  const plan = {
    id: await seedSampledPlan(ds, {
      code: 'INGEST-BENCH',
      title: '入库基准计划（演示）',
      staffPrefix: 'IN',
      staffName: '入库检查员',
      category: CATEGORY,
      labId: lab.id,
      usccs,
      samples,
    }),
  };
  await ds.query(
    `INSERT INTO sample (sample_no, plan_id, seq, task_id, category, lab_id, stage,
                         sampled_uscc, place_region_code, place_address, manufacturer_name,
                         product_name, brand, spec, batch_no, production_date,
                         test_quantity, test_unit, backup_quantity, backup_unit,
                         price_paid, seal_numbers, inspectors, representative_name, sampled_at,
                         sampling_date, lab_due_date, custody_state, custody_seq, custody_at,
                         arrived_at, created_by)
     SELECT 'IN-2026-' || lpad(t.task_no::text, 6, '0'), t.plan_id, t.task_no, t.id,
            t.category, t.lab_id, 'production', t.uscc, '150102', '呼和浩特市新城区（演示）',
            '入库基准生产商（演示）', '纯牛奶（演示）', '演示牌', '250mL', 'B' || (t.task_no % 5000),
            '2026-03-01', 2, '盒', 2, '盒', 10.5, ARRAY['F' || t.task_no], t.inspectors, '张三',
            now() - interval '10 days', (now() - interval '10 days')::date,
            (now() - interval '3 days')::date, 'testing', ${PATH.length},
            now() - interval '6 days', now() - interval '7 days', 'bench'
       FROM inspection_task t WHERE t.plan_id = $1`,
    [plan.id],
  );
  const kinds = PATH.map(([k]) => `'${k}'`).join(',');
  const states = PATH.map(([, s]) => `'${s}'`).join(',');
  await ds.query(
    `INSERT INTO custody_event (sample_id, seq, kind, state_after, occurred_at, actor, actor_role,
                               actor_org, region_code, address, detail)
     SELECT s.id, k, (ARRAY[${kinds}])[k], (ARRAY[${states}])[k],
            s.sampled_at + (k || ' days')::interval, CASE WHEN k <= 3 THEN 'IN-1' ELSE 'bench-tester' END,
            CASE WHEN k <= 3 THEN 'regulator' ELSE 'lab' END,
            CASE WHEN k <= 3 THEN NULL ELSE s.lab_id::text END, '150102', '呼和浩特市（演示）', '{}'
       FROM sample s, generate_series(1, ${PATH.length}) k
      WHERE s.plan_id = $1`,
    [plan.id],
  );
  // The lab's receipt of each sample (custody step 4), which a report needs.
  await ds.query(
    `INSERT INTO lab_receipt (sample_id, lab_id, outcome, occurred_at, received_on, condition,
                              seal_intact, test_due_date, custody_seq, recorded_by)
     SELECT s.id, s.lab_id, 'received', s.sampled_at + interval '4 days',
            (s.sampled_at + interval '4 days')::date, '封样完好（演示）', true,
            (s.sampled_at + interval '32 days')::date, 4, 'bench-tester'
       FROM sample s WHERE s.plan_id = $1`,
    [plan.id],
  );
  await ds.query('ANALYZE');
  return { labId: lab.id };
}
