import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GtinHolding } from '@spotcheck/domain';

/** A GS1 company prefix or a single GTIN an enterprise holds; each has one holder. */
@Entity('enterprise_gtin_prefix')
export class EnterpriseGtinPrefix {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  uscc!: string;

  @Column({ type: 'text' })
  kind!: GtinHolding['kind'];

  /** 6–12 digits for a company prefix, a GTIN-14 for a GTIN. */
  @Column({ type: 'text', collation: 'C' })
  value!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
