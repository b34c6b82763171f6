import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last sample number given in a plan: one counter row per plan, so numbers have no gaps. */
@Entity('sample_sequence')
export class SampleSequence {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' })
  planId!: string;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq!: number;
}
