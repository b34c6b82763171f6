import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Access, CurrentUser, Principal } from '@spotcheck/auth';
import { ErrorDto } from '@spotcheck/common';
import { uploadedFile } from '../directory/file-request';
import { ImportRejectedDto } from '../directory/import-result.dto';
import { AccountImportService } from './account-import.service';
import {
  AccountDto,
  AccountImportResultDto,
  AccountPageDto,
  AccountQuery,
  AccountWithPasswordDto,
  CreateAccountDto,
  ResetPasswordDto,
} from './account.dto';
import { AccountService } from './account.service';

/** 账号管理: the accounts people sign in with, managed by admins. */
@ApiTags('accounts 账号')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorDto })
@Controller('accounts')
export class AccountController {
  constructor(
    private readonly accounts: AccountService,
    private readonly importer: AccountImportService,
  ) {}

  @Access({ admin: 'any' })
  @Get()
  @ApiOperation({ summary: 'Accounts by user name, filtered by role, text and disabled' })
  @ApiOkResponse({ type: AccountPageDto })
  list(@CurrentUser() p: Principal, @Query() q: AccountQuery) {
    return this.accounts.list(p, q);
  }

  @Access({ admin: 'any' })
  @Post()
  @ApiOperation({
    summary:
      'Create an account; its first password (given, or generated and answered once) must be changed at first sign-in',
  })
  @ApiCreatedResponse({ type: AccountWithPasswordDto })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'ACCOUNT_EXISTS' })
  create(@CurrentUser() p: Principal, @Body() dto: CreateAccountDto) {
    return this.accounts.create(p, dto);
  }

  @Access({ admin: 'any' })
  @Post('import')
  @ApiOperation({
    summary:
      'Create and update accounts from CSV or XLSX (user_name, display_name, role, jurisdiction, org, staff_no, disabled, initial_password); all or nothing',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx' } },
    },
  })
  @ApiCreatedResponse({ type: AccountImportResultDto })
  @ApiBadRequestResponse({ type: ImportRejectedDto })
  async import(@CurrentUser() p: Principal, @Req() req: FastifyRequest) {
    return this.importer.import(p, await uploadedFile(req));
  }

  @Access({ admin: 'any' })
  @Get(':userName')
  @ApiOkResponse({ type: AccountDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  get(@CurrentUser() p: Principal, @Param('userName') userName: string) {
    return this.accounts.get(p, userName);
  }

  @Access({ admin: 'any' })
  @Post(':userName/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable: no sign-in, and the sessions end' })
  @ApiOkResponse({ type: AccountDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  disable(@CurrentUser() p: Principal, @Param('userName') userName: string) {
    return this.accounts.setDisabled(p, userName, true);
  }

  @Access({ admin: 'any' })
  @Post(':userName/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: AccountDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  enable(@CurrentUser() p: Principal, @Param('userName') userName: string) {
    return this.accounts.setDisabled(p, userName, false);
  }

  @Access({ admin: 'any' })
  @Post(':userName/password-reset')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new first password (given, or generated and answered once), to be changed at the next sign-in; clears a lockout and ends the sessions',
  })
  @ApiOkResponse({ type: AccountWithPasswordDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  resetPassword(
    @CurrentUser() p: Principal,
    @Param('userName') userName: string,
    @Body() dto: ResetPasswordDto,
  ) {
    return this.accounts.resetPassword(p, userName, dto);
  }
}
