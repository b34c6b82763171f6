import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitmentOf, drawRetestLab, runDraw } from '@spotcheck/domain';
import {
  syntheticDirectory,
  syntheticInspectors,
  syntheticLabs,
} from '../libs/domain/src/draw/draw-fixtures';
import { verifyDrawFile } from './verify-draw';

const seed = 'verify-draw-cli-seed-0001';
const record = runDraw({
  seed,
  commitment: commitmentOf(seed),
  eligible: syntheticDirectory({ enterprises: 300 }),
  inspectors: syntheticInspectors(20),
  labs: syntheticLabs(3),
});
const dir = mkdtempSync(join(tmpdir(), 'verify-draw-'));
const save = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe('npm run verify-draw', () => {
  it('says MATCH for an untouched export, bare or wrapped', () => {
    expect(verifyDrawFile(save('record.json', record))).toEqual({ verdict: 'MATCH' });
    expect(verifyDrawFile(save('wrapped.json', { planId: 'x', record }))).toEqual({
      verdict: 'MATCH',
    });
  });

  it('says MISMATCH when a selected USCC, the seed or the eligible list is changed', () => {
    const copy = () => JSON.parse(JSON.stringify(record)) as typeof record & Record<string, never>;
    const selected = copy();
    const task = (selected as unknown as { tasks: { uscc: string }[] }).tasks[0];
    task.uscc = task.uscc.slice(0, 17) + (task.uscc[17] === '0' ? '1' : '0');
    expect(verifyDrawFile(save('selected.json', selected)).verdict).toBe('MISMATCH');

    const seeded = { ...copy(), seed: `${seed}x` };
    expect(verifyDrawFile(save('seed.json', seeded)).verdict).toBe('MISMATCH');

    const eligible = copy() as unknown as { eligible: unknown[] };
    eligible.eligible = eligible.eligible.slice(1);
    expect(verifyDrawFile(save('eligible.json', eligible)).verdict).toBe('MISMATCH');
  });

  it('says MISMATCH for a file that is not JSON', () => {
    const v = verifyDrawFile(save('bad.json', 'not json') + 'missing');
    expect(v.verdict).toBe('MISMATCH');
  });

  it('checks a retest-lab draw record by its own rules', () => {
    const r = drawRetestLab({
      objectionId: 'o-1',
      sampleNo: 'NM-2026-001-0001',
      category: 'C01',
      originalLabId: 'lab-a',
      commitment: commitmentOf(seed),
      seed,
      labs: ['lab-a', 'lab-b', 'lab-c'].map((id) => ({ id, capacity: 3, categories: ['C01'] })),
    });
    if (!r.ok) throw new Error(r.reason);
    expect(verifyDrawFile(save('retest.json', r.record))).toEqual({ verdict: 'MATCH' });
    const moved = { ...r.record, lab: 'lab-a' };
    expect(verifyDrawFile(save('retest-moved.json', moved)).verdict).toBe('MISMATCH');
  });
});
