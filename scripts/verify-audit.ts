import 'reflect-metadata';
import { loadEnv, sealAuditChain, verifyAuditChain } from '@spotcheck/common';
import { createDataSource } from '@spotcheck/database';

/**
 * `npm run audit:verify [-- --seal]`: walks the audit hash chain and names the first broken
 * row. Exit 0 when intact, 1 when broken. `--seal` chains pending rows first.
 */
async function main(): Promise<number> {
  const ds = createDataSource(loadEnv().DATABASE_URL, 2);
  await ds.initialize();
  try {
    if (process.argv.includes('--seal'))
      console.log(`sealed ${await sealAuditChain(ds)} pending rows`);
    const v = await verifyAuditChain(ds);
    if (v.ok) {
      console.log(`audit chain intact: ${v.checked} rows verified, ${v.unsealed} not yet sealed`);
      return 0;
    }
    const b = v.firstBroken!;
    console.log(
      `audit chain BROKEN at chain position ${b.chainPos} (seq ${b.seq}): ${b.reason}; ${v.checked} rows before it verified`,
    );
    return 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e.message);
    process.exit(2);
  },
);
