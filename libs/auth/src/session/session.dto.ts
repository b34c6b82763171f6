import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { ROLES, type Role } from '@spotcheck/domain';

export class SignInDto {
  @ApiProperty({ example: 'reg-xincheng', description: 'user name, in any case' })
  @IsString()
  @Length(1, 64)
  userName!: string;

  @ApiProperty({ example: 'spotcheck-demo-2025' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'reg-xincheng' })
  @IsString()
  @Length(1, 64)
  userName!: string;

  @ApiProperty({
    description: "the password now: the first one an administrator gave, or one's own",
  })
  @IsString()
  @Length(1, 128)
  currentPassword!: string;

  @ApiProperty({
    description:
      'at least 10 characters with letters and digits, not containing the user name, not the current one',
  })
  @IsString()
  @Length(1, 1024)
  newPassword!: string;
}

export class MeDto {
  @ApiProperty({ description: "the token subject: an account's user name" })
  sub!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, description: 'GB/T 2260 code (regulators)' })
  jurisdiction!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'lab id or enterprise USCC' })
  org!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'inspector staff number' })
  staffNo!: string | null;

  @ApiProperty({ type: String, nullable: true })
  displayName!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'the sign-in session (cookie sign-ins); null for a bearer token',
  })
  session!: string | null;
}

export class SignedInDto extends MeDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'refresh before then' })
  accessExpiresAt!: Date;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'the session ends then unless refreshed',
  })
  sessionExpiresAt!: Date;
}
