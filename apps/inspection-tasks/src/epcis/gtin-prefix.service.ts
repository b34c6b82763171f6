import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, Scope, scopeOf } from '@spotcheck/auth';
import { Page, recordAudit } from '@spotcheck/common';
import {
  conflictError,
  decodeCursor,
  encodeCursor,
  forbiddenError,
  holdingsOverlap,
  invalidError,
  isUuid,
  notFoundError,
  toGtin14,
} from '@spotcheck/domain';
import type { GtinHolding } from '@spotcheck/domain';
import { CreateGtinPrefixDto, GtinPrefixQuery } from './epcis.dto';
import { GtinPrefixRepository, GtinPrefixView } from './gtin-prefix.repository';

export { REGISTRATION_LOCK } from './gtin-prefix.repository';
export type { GtinPrefixView } from './gtin-prefix.repository';

const ENTITY = 'enterprise_gtin_prefix';

/**
 * What an enterprise holds in GS1 numbering (the own-products rule of capture, docs/epcis.md):
 * GS1 company prefixes and single GTINs. An enterprise registers its own, an admin anyone's;
 * a prefix or GTIN has one holder, so a registration overlapping another enterprise's answers
 * 409. Regulators read those of their jurisdiction's enterprises.
 */
@Injectable()
export class GtinPrefixService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly prefixes: GtinPrefixRepository,
  ) {}

  /** The holdings capture checks an enterprise's events against. */
  holdingsOf(uscc: string, m: EntityManager = this.ds.manager): Promise<GtinHolding[]> {
    return this.prefixes.holdingsOf(uscc, m);
  }

  async register(p: Principal, dto: CreateGtinPrefixDto): Promise<GtinPrefixView> {
    const uscc = this.targetOf(p, dto.uscc);
    const holding = holdingOf(dto);
    return this.ds.transaction(async (m) => {
      await this.prefixes.lockRegistrations(m);
      if (!(await this.prefixes.enterpriseExists(m, uscc)))
        throw invalidError([
          {
            field: 'uscc',
            reason: `${uscc} is not in the enterprise directory; a regulator registers the enterprise first`,
          },
        ]);
      const others = await this.prefixes.candidatesOverlapping(m, holding);
      const clash = others.find((o) => holdingsOverlap(o, holding));
      if (clash) {
        const field = holding.kind === 'gtin' ? 'gtin' : 'companyPrefix';
        const what = `${clash.kind === 'gtin' ? 'GTIN' : 'company prefix'} ${clash.value}`;
        if (clash.uscc === uscc)
          throw conflictError(
            'GTIN_PREFIX_REGISTERED',
            `${field}: overlaps ${what}, already registered to ${uscc}`,
            { field, existingId: clash.id },
          );
        throw conflictError(
          'GTIN_PREFIX_TAKEN',
          `${field}: overlaps ${what}, registered to another enterprise; a GTIN has one holder (an admin can correct a wrong registration)`,
          { field },
        );
      }
      const row = await this.prefixes.insert(m, uscc, holding, p.sub);
      await recordAudit(m, p, [
        { action: 'create', entityType: ENTITY, entityId: row.id, after: row, detail: { uscc } },
      ]);
      return row;
    });
  }

  async list(p: Principal, q: GtinPrefixQuery): Promise<Page<GtinPrefixView>> {
    const scope = this.scope(p);
    let after: [string, string] | undefined;
    if (q.cursor !== undefined) {
      const c = decodeCursor(q.cursor);
      if (c?.length !== 2 || typeof c[0] !== 'string' || !isUuid(c[1]))
        throw invalidError([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      after = [c[0], c[1]];
    }
    const rows = await this.prefixes.list(scope, { uscc: q.uscc, after }, q.limit + 1);
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.uscc, last.id]) : null };
  }

  /** Events already captured under it stay: they were the enterprise's when captured. */
  async remove(p: Principal, id: string): Promise<void> {
    const scope = this.scope(p);
    await this.ds.transaction(async (m) => {
      // As registration: a capture checked against the holdings waits for this, or this for it.
      await this.prefixes.lockRegistrations(m);
      const row = await this.prefixes.findForUpdate(m, scope, id);
      if (!row) throw notFoundError('GTIN prefix', id);
      await this.prefixes.delete(m, id);
      await recordAudit(m, p, [
        { action: 'delete', entityType: ENTITY, entityId: id, before: row },
      ]);
    });
  }

  /** Whose prefix a request registers: the caller's own (enterprise) or the one named (admin). */
  private targetOf(p: Principal, uscc: string | undefined): string {
    if (p.role === 'enterprise') {
      if (uscc !== undefined && uscc !== p.org)
        throw forbiddenError(
          'an enterprise registers GTIN prefixes for itself only (leave out uscc or give your own)',
        );
      return p.org as string;
    }
    if (uscc === undefined)
      throw invalidError([
        { field: 'uscc', reason: 'is required: the enterprise the prefix is registered to' },
      ]);
    return uscc;
  }

  private scope(p: Principal): Scope {
    return scopeOf(p, 'GTIN prefixes', ['enterprise', 'regulator', 'admin']);
  }
}

/** The holding a request asks for: exactly one of companyPrefix and gtin. */
function holdingOf(dto: CreateGtinPrefixDto): GtinHolding {
  if (dto.companyPrefix !== undefined && dto.gtin !== undefined)
    throw invalidError([
      {
        field: 'gtin',
        reason: 'give either companyPrefix or gtin, not both (companyPrefix was given)',
      },
    ]);
  if (dto.companyPrefix !== undefined) return { kind: 'company_prefix', value: dto.companyPrefix };
  if (dto.gtin !== undefined) return { kind: 'gtin', value: toGtin14(dto.gtin) };
  throw invalidError([
    {
      field: 'companyPrefix',
      reason: 'give companyPrefix (a GS1 company prefix of 6–12 digits) or gtin (a single GTIN)',
    },
  ]);
}
