import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An accredited (CMA) testing laboratory. Its id is the `org` claim of its staff's tokens. */
@Entity('lab')
export class Lab {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', unique: true })
  uscc!: string;

  @Column({ name: 'cma_no', type: 'text', unique: true })
  cmaNo!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text', array: true })
  categories!: string[];

  /** Samples the lab can take per year. */
  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ type: 'boolean' })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
