import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person on a lab's staff (the JWT `sub` of a lab token) and their roles in the review
 * chain: tester, reviewer, authorised signatory (授权签字人). The four-eyes rules compare subs.
 */
@Entity('lab_staff')
export class LabStaff {
  @PrimaryColumn({ name: 'lab_id', type: 'uuid' })
  labId!: string;

  @PrimaryColumn({ type: 'text' })
  sub!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
