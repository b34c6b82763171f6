import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RateCellsRepository } from './rate-cells.repository';

/**
 * Keeps the rate facts (`rate_cell`, docs/rules.md §3.6) from the outcomes: a refresh per
 * outcome change, and a full recompute nightly and on demand. Both recompute from
 * `sample_outcome`, so they agree, and running either twice changes nothing.
 */
@Injectable()
export class RatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cells: RateCellsRepository,
  ) {}

  /** Recomputes the cells `sampleIds` count in; returns the cells whose counts changed. */
  refresh(sampleIds: readonly string[]): Promise<number> {
    if (sampleIds.length === 0) return Promise.resolve(0);
    return this.ds.transaction((m) => this.cells.refresh(m, sampleIds));
  }

  /** Recomputes every cell in one pass; returns how many there are and how many changed. */
  recompute(): Promise<{ cells: number; written: number }> {
    return this.ds.transaction((m) => this.cells.rebuild(m));
  }
}
