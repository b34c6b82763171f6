import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { finished } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import {
  AccountFields,
  AccountRepository,
  Principal,
  hashPassword,
  scopeOf,
} from '@spotcheck/auth';
import {
  DigestStream,
  FileFormat,
  FileFormatError,
  FileRow,
  csvRows,
  formatOf,
  recordAudit,
  splitHeader,
  xlsxRows,
} from '@spotcheck/common';
import { DomainError, conflictError } from '@spotcheck/domain';
import type { ImportFile, RowError } from '../directory/directory-import.service';
import { fileTooLarge, truncated } from '../directory/file-request';
import { mapHeaders } from '../directory/specs';
import { ACCOUNT_COLUMNS, COLUMN_OF_FIELD, NO_CONTEXT } from './account-file';
import { AccountService, checkAccount, firstPassword } from './account.service';

/** More rows than an office has people; a file this long is a mistake. */
export const MAX_ACCOUNT_ROWS = 5000;
const MAX_REPORTED = 100;

export interface AccountImportResult {
  format: FileFormat;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  sha256: string;
  ignoredColumns: string[];
  initialPasswords: { userName: string; initialPassword: string }[];
}

interface Row {
  row: number;
  fields: AccountFields;
  password?: string;
}

const rejected = (errors: RowError[], count: number, message: string) =>
  new DomainError('invalid', 'IMPORT_REJECTED', message, {
    errorCount: count,
    errors: errors.slice(0, MAX_REPORTED),
  });

/**
 * Imports accounts from a CSV or XLSX file read as the directories' files are (Chinese or
 * English headers, UTF-8 or GB18030): one row per account, keyed by user name in any case. A
 * new account gets the file's initial password or a generated one (answered once), to be
 * changed at first sign-in; an existing one gets the file's display name, role, jurisdiction or
 * organisation, staff number and disabled mark, its password untouched. All or nothing: any
 * bad row refuses the whole file, each problem named by row and column.
 */
@Injectable()
export class AccountImportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly accounts: AccountRepository,
    private readonly service: AccountService,
  ) {}

  async import(p: Principal, file: ImportFile): Promise<AccountImportResult> {
    scopeOf(p, 'accounts', ['admin']);
    const format = formatOf(file.filename, file.mimetype);
    if (!format) {
      file.stream.resume();
      throw new DomainError('invalid', 'UNSUPPORTED_FILE', 'file: must be .csv or .xlsx', {
        errors: [{ field: 'file', reason: 'must be .csv or .xlsx' }],
      });
    }
    const digest = new DigestStream();
    file.stream.on('error', (e) => digest.destroy(e));
    file.stream.pipe(digest);
    let read: { rows: Row[]; ignored: string[]; count: number };
    try {
      read = await this.read(format === 'csv' ? csvRows(digest) : xlsxRows(digest));
      digest.resume();
      await finished(digest);
      if (truncated(file.stream)) throw fileTooLarge();
    } catch (e) {
      // What was read of a file cut at the size limit says nothing of the file.
      if (truncated(file.stream)) throw fileTooLarge();
      if (e instanceof FileFormatError)
        throw rejected(
          [{ row: e.row, column: e.column, reason: e.message }],
          1,
          `file: ${e.message}`,
        );
      throw e;
    } finally {
      file.stream.resume();
    }
    const { rows, ignored } = read;
    const existing = await this.accounts.existing(
      this.ds.manager,
      rows.map((r) => r.fields.userName),
    );
    const errors: RowError[] = [];
    for (const i of await this.service.missingLabs(
      this.ds.manager,
      rows.map((r) => r.fields),
    ))
      errors.push({
        row: rows[i].row,
        column: 'org',
        reason: `no lab ${rows[i].fields.org} in the directory`,
      });
    for (const r of rows)
      if (r.password && existing.has(r.fields.userName.toLowerCase()))
        errors.push({
          row: r.row,
          column: 'initial_password',
          reason: `${r.fields.userName} exists already; reset its password instead (POST /api/v1/accounts/:userName/password-reset)`,
        });
    if (errors.length)
      throw rejected(errors, errors.length, `${errors.length} rows refused; nothing was imported`);

    const fresh = rows.filter((r) => !existing.has(r.fields.userName.toLowerCase()));
    const generated: { userName: string; initialPassword: string }[] = [];
    const hashed = await Promise.all(
      fresh.map(async (r) => {
        const initial = r.password ?? firstPassword(r.fields.userName);
        if (!r.password) generated.push({ userName: r.fields.userName, initialPassword: initial });
        return { ...r.fields, passwordHash: await hashPassword(initial), mustChangePassword: true };
      }),
    );
    const sha256 = digest.hex();
    const changes = await this.ds.transaction(async (m) => {
      const inserted = await this.accounts.insertMany(m, hashed);
      // Created meanwhile by someone else: the file would now update what it meant to create.
      if (inserted.length !== hashed.length)
        throw conflictError(
          'ACCOUNTS_CHANGED',
          'accounts of this file were created while it was being read; import it again',
        );
      const updated = await this.accounts.updateMany(
        m,
        rows.filter((r) => existing.has(r.fields.userName.toLowerCase())).map((r) => r.fields),
      );
      const after = await this.accounts.existing(m, [...inserted, ...updated]);
      await recordAudit(m, p, [
        {
          action: 'import',
          entityType: 'account',
          detail: {
            file: file.filename,
            sha256,
            rows: rows.length,
            inserted: inserted.length,
            updated: updated.length,
          },
        },
        ...[...inserted, ...updated].map((name) => ({
          action: inserted.includes(name) ? 'create' : 'update',
          entityType: 'account',
          entityId: name,
          before: existing.get(name.toLowerCase()) ?? null,
          after: after.get(name.toLowerCase()),
          detail: { via: 'import' },
        })),
      ]);
      return { inserted: inserted.length, updated: updated.length };
    });
    return {
      format,
      rows: rows.length,
      ...changes,
      unchanged: rows.length - changes.inserted - changes.updated,
      sha256,
      ignoredColumns: ignored,
      initialPasswords: generated,
    };
  }

  /** Every row checked; any problem refuses the file, naming its row and column. */
  private async read(batches: AsyncGenerator<FileRow[]>) {
    const { header, body } = await splitHeader(batches);
    if (!header)
      throw rejected([{ row: 1, column: '', reason: 'file is empty' }], 1, 'file: is empty');
    const map = mapHeaders({ columns: ACCOUNT_COLUMNS }, header.cells);
    if (map.missing.length || map.duplicates.length) {
      const errors: RowError[] = [
        ...map.duplicates.map((d) => ({
          row: header.row,
          column: d.header,
          reason: `is the same column as ${d.of}`,
        })),
        ...map.missing.map((c) => ({
          row: header.row,
          column: c,
          reason: 'required column is missing',
        })),
      ];
      throw rejected(
        errors,
        errors.length,
        map.duplicates.length
          ? `columns named twice: ${map.duplicates.map((d) => d.header).join(', ')}`
          : `missing columns: ${map.missing.join(', ')}`,
      );
    }
    const rows: Row[] = [];
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    let count = 0;
    for await (const batch of body)
      for (const r of batch) {
        count += 1;
        if (count > MAX_ACCOUNT_ROWS) continue;
        const cells: Record<string, unknown> = {};
        let ok = true;
        ACCOUNT_COLUMNS.forEach((c, i) => {
          const raw = map.index[i] >= 0 ? (r.cells[map.index[i]] ?? '') : '';
          const parsed = c.parse(raw, NO_CONTEXT);
          if ('error' in parsed) {
            ok = false;
            errors.push({ row: r.row, column: c.en, reason: parsed.error });
          } else cells[c.en] = parsed.value;
        });
        if (!ok) continue;
        const checked = checkAccount({
          userName: cells.user_name,
          displayName: cells.display_name,
          role: cells.role,
          jurisdiction: cells.jurisdiction,
          org: cells.org,
          staffNo: cells.staff_no,
          disabled: cells.disabled,
          password: cells.initial_password,
        });
        for (const e of checked.problems)
          errors.push({
            row: r.row,
            column: COLUMN_OF_FIELD[e.field] ?? e.field,
            reason: e.reason,
          });
        if (!checked.fields) continue;
        const key = checked.fields.userName.toLowerCase();
        const first = seen.get(key);
        if (first !== undefined) {
          errors.push({
            row: r.row,
            column: 'user_name',
            reason: `${checked.fields.userName} also appears in row ${first}`,
          });
          continue;
        }
        seen.set(key, r.row);
        rows.push({ row: r.row, fields: checked.fields, password: checked.password });
      }
    if (count > MAX_ACCOUNT_ROWS)
      errors.push({
        row: MAX_ACCOUNT_ROWS + 2,
        column: '',
        reason: `a file may hold at most ${MAX_ACCOUNT_ROWS} accounts; split it`,
      });
    if (errors.length)
      throw rejected(errors, errors.length, `${errors.length} invalid cells; nothing was imported`);
    if (count === 0)
      throw rejected(
        [{ row: 2, column: '', reason: 'file has a header but no rows' }],
        1,
        'file has no rows',
      );
    return { rows, ignored: map.ignored, count };
  }
}
