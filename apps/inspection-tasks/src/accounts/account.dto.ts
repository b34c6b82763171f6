import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery, Text } from '@spotcheck/common';
import { ROLES, type Role } from '@spotcheck/domain';
import { IsJurisdiction } from '../directory/validators';

const toBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class CreateAccountDto {
  @ApiProperty({
    example: 'zhang.xincheng',
    description:
      '2–64 letters, digits, ".", "_", "-", "@"; unique without regard to case; the `sub` of the account\'s tokens',
  })
  @IsString()
  @Length(1, 64)
  userName!: string;

  @ApiProperty({ example: '张新城' })
  @Text(100)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({
    example: '150102',
    description: "GB/T 2260 code, or '000000' for a national regulator; regulators only, required",
  })
  @IsOptional()
  @IsJurisdiction()
  jurisdiction?: string;

  @ApiPropertyOptional({
    description:
      'the lab id (role lab) or the enterprise USCC (role enterprise); required for those',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  org?: string;

  @ApiPropertyOptional({ description: 'inspector staff number (执法证号); regulators only' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  staffNo?: string;

  @ApiPropertyOptional({
    description:
      'the first password, to be changed at first sign-in; omitted: one is generated and answered once',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;
}

export class ResetPasswordDto {
  @ApiPropertyOptional({
    description: 'the new first password; omitted: one is generated and answered once',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;
}

export class AccountQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'part of the user name or display name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  disabled?: boolean;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  userName!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true })
  jurisdiction!: string | null;

  @ApiProperty({ type: String, nullable: true })
  org!: string | null;

  @ApiProperty({ type: String, nullable: true })
  staffNo!: string | null;

  @ApiProperty({ description: 'the password was set by an admin and must be changed at sign-in' })
  mustChangePassword!: boolean;

  @ApiProperty()
  disabled!: boolean;

  @ApiProperty({ description: 'wrong passwords in a row since the last right one or lock' })
  failedAttempts!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lockedUntil!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  passwordChangedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSignInAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto] })
  items!: AccountDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class AccountWithPasswordDto extends AccountDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'the generated first password, shown this once; null when the admin gave one',
  })
  initialPassword!: string | null;
}

export class ImportedPasswordDto {
  @ApiProperty()
  userName!: string;

  @ApiProperty({ description: 'the generated first password, shown this once' })
  initialPassword!: string;
}

export class AccountImportResultDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] })
  format!: string;

  @ApiProperty({ description: 'data rows read' })
  rows!: number;

  @ApiProperty()
  inserted!: number;

  @ApiProperty()
  updated!: number;

  @ApiProperty()
  unchanged!: number;

  @ApiProperty({ description: 'SHA-256 of the whole upload, hex' })
  sha256!: string;

  @ApiProperty({ type: [String] })
  ignoredColumns!: string[];

  @ApiProperty({
    type: [ImportedPasswordDto],
    description: 'the first passwords generated for new accounts without one in the file',
  })
  initialPasswords!: ImportedPasswordDto[];
}
