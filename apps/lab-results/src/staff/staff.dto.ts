import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';

export const STAFF_ROLES = ['tester', 'reviewer', 'signatory'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** No control characters (PostgreSQL refuses NUL; the others have no place in a name). */
const PRINTABLE = /^[^\p{Cc}]+$/u;

export class PutStaffDto {
  @ApiProperty({ example: '张检验' })
  @IsString()
  @Length(1, 100)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    enum: STAFF_ROLES,
    isArray: true,
    example: ['tester'],
    description: 'tester (检验员), reviewer (审核员), signatory (授权签字人)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true })
  roles!: StaffRole[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' })
  labId!: string;

  @ApiProperty({ description: 'the JWT `sub` of their lab token' })
  sub!: string;

  @ApiProperty({ example: '张检验' })
  name!: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true })
  roles!: StaffRole[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class StaffListDto {
  @ApiProperty({ type: [StaffMemberDto] })
  items!: StaffMemberDto[];
}
