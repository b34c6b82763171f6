import { randomInt } from 'node:crypto';
import { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { AppConfigModule } from '@spotcheck/common';
import { DatabaseModule } from '@spotcheck/database';
import { completeUscc } from '@spotcheck/domain';
import { DataSource } from 'typeorm';

/**
 * "Medium" tests: a service with its real repositories against this run's PostgreSQL
 * (migrated once by the global set-up), without HTTP. Each test builds the few rows it needs
 * with the factories, under keys no other test uses, so any test can run alone (`-t`).
 */
export interface Medium {
  module: TestingModule;
  ds: DataSource;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

type Import = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** Compiles `imports` (an app's domain modules) and `providers` over the real database. */
export async function medium(imports: Import[], providers: Provider[] = []): Promise<Medium> {
  const module = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(), DatabaseModule, ...imports],
    providers,
  }).compile();
  await module.init();
  return {
    module,
    ds: module.get(DataSource),
    get: (type) => module.get(type),
    close: () => module.close(),
  };
}

/**
 * Jest loads this module afresh for every spec file of a run, all in one process, so a counter
 * alone would repeat across files: keys are drawn at random (collision odds about 1e-9).
 */
const randomDigits = (n: number) => String(randomInt(0, 10 ** n)).padStart(n, '0');

/** A key no other row of this run holds: `${prefix}` and 10 random characters. */
export function unique(prefix = ''): string {
  return `${prefix}${randomInt(0, 36 ** 8).toString(36)}${randomDigits(2)}`;
}

/** A fresh valid USCC registered in `region` (GB 32100 check character computed). */
export function freshUscc(region = '150102'): string {
  return completeUscc(`91${region}${randomDigits(9)}`);
}
