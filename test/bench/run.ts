import 'reflect-metadata';
import { apiBench } from './api.bench';
import { drawBench } from './draw.bench';
import { freshnessBench } from './freshness.bench';
import { importBench } from './import.bench';
import { ingestBench } from './ingest.bench';
import { outboxBench } from './outbox.bench';
import { portalBench } from './portal.bench';
import { publishBench } from './publish.bench';
import { ratesBench } from './rates.bench';
import { traceBench } from './trace.bench';

/** `npm run bench -- <name> [args]`; with no name, every benchmark. */
const BENCHES: Record<string, (arg?: string) => Promise<void>> = {
  import: (rows) => importBench(rows ? Number(rows) : undefined),
  draw: (n) => drawBench(n ? Number(n) : undefined),
  trace: (events) => traceBench(events ? Number(events) : undefined),
  ingest: (items) => ingestBench(items ? Number(items) : undefined),
  api: () => apiBench(),
  rates: (samples) => ratesBench(samples ? Number(samples) : undefined),
  outbox: (events) => outboxBench(events ? Number(events) : undefined),
  publish: (failures) => publishBench(failures ? Number(failures) : undefined),
  freshness: () => freshnessBench(),
  portal: (entries) => portalBench(entries ? Number(entries) : undefined),
};

async function main(): Promise<void> {
  const [name, arg] = process.argv.slice(2);
  const names = name ? [name] : Object.keys(BENCHES);
  for (const n of names) {
    const bench = BENCHES[n];
    if (!bench)
      throw new Error(`unknown benchmark ${n}; known: ${Object.keys(BENCHES).join(', ')}`);
    await bench(arg);
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e.stack ?? e.message);
    process.exit(1);
  },
);
