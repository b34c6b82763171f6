import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** 执法检查人员名录库: inspectors who may be drawn for a task. */
@Entity('inspector')
export class Inspector {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_no', type: 'text', unique: true })
  staffNo!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'region_code', type: 'text' })
  regionCode!: string;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ type: 'text', array: true })
  categories!: string[];

  @Column({ type: 'boolean' })
  active!: boolean;

  /** USCCs of enterprises the inspector declared a conflict of interest with. */
  @Column({ type: 'text', array: true })
  conflicts!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
