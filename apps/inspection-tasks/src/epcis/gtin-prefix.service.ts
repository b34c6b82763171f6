import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Principal, scopePrefix } from '@spotcheck/auth';
import { AppException, Page, conflict, invalid, notFound, recordAudit } from '@spotcheck/common';
import { decodeCursor, encodeCursor, holdingsOverlap, toGtin14 } from '@spotcheck/domain';
import type { GtinHolding } from '@spotcheck/domain';
import { CreateGtinPrefixDto, GtinPrefixQuery } from './epcis.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTITY = 'enterprise_gtin_prefix';
/** One registration at a time, so two enterprises cannot claim overlapping prefixes at once. */
export const REGISTRATION_LOCK = 7_349_120_040;

/** A registered company prefix or GTIN, as the API shows it. */
export interface GtinPrefixView {
  id: string;
  uscc: string;
  kind: GtinHolding['kind'];
  value: string;
  createdBy: string;
  createdAt: Date;
}

const VIEW = `SELECT g.id, g.uscc, g.kind, g.value, g.created_by AS "createdBy", g.created_at AS "createdAt"
                FROM enterprise_gtin_prefix g`;

/**
 * What an enterprise holds in GS1 numbering (the own-products rule of capture, docs/epcis.md):
 * GS1 company prefixes and single GTINs. An enterprise registers its own, an admin anyone's;
 * a prefix or GTIN has one holder, so a registration overlapping another enterprise's answers
 * 409. Regulators read those of their jurisdiction's enterprises.
 */
@Injectable()
export class GtinPrefixService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The holdings capture checks an enterprise's events against. */
  async holdingsOf(uscc: string, m: EntityManager = this.ds.manager): Promise<GtinHolding[]> {
    return (await m.query(
      `SELECT kind, value FROM enterprise_gtin_prefix WHERE uscc = $1 ORDER BY kind, value`,
      [uscc],
    )) as GtinHolding[];
  }

  async register(p: Principal, dto: CreateGtinPrefixDto): Promise<GtinPrefixView> {
    const uscc = this.targetOf(p, dto.uscc);
    const holding = holdingOf(dto);
    return this.ds.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [REGISTRATION_LOCK]);
      const [enterprise] = (await m.query(`SELECT 1 FROM enterprise WHERE uscc = $1`, [
        uscc,
      ])) as unknown[];
      if (!enterprise)
        throw invalid([
          {
            field: 'uscc',
            reason: `${uscc} is not in the enterprise directory; a regulator registers the enterprise first`,
          },
        ]);
      const others = (await m.query(
        `SELECT id, uscc, kind, value FROM enterprise_gtin_prefix
          WHERE (kind = 'company_prefix' AND left(value, 6) = left($1, 6))
             OR (kind = 'gtin' AND substr(value, 2, 6) = left($1, 6))`,
        [holding.kind === 'gtin' ? holding.value.slice(1) : holding.value],
      )) as (GtinHolding & { id: string; uscc: string })[];
      const clash = others.find((o) => holdingsOverlap(o, holding));
      if (clash) {
        const field = holding.kind === 'gtin' ? 'gtin' : 'companyPrefix';
        const what = `${clash.kind === 'gtin' ? 'GTIN' : 'company prefix'} ${clash.value}`;
        if (clash.uscc === uscc)
          throw conflict(
            'GTIN_PREFIX_REGISTERED',
            `${field}: overlaps ${what}, already registered to ${uscc}`,
            { field, existingId: clash.id },
          );
        throw conflict(
          'GTIN_PREFIX_TAKEN',
          `${field}: overlaps ${what}, registered to another enterprise; a GTIN has one holder (an admin can correct a wrong registration)`,
          { field },
        );
      }
      const [row] = (await m.query(
        `INSERT INTO enterprise_gtin_prefix (uscc, kind, value, created_by) VALUES ($1, $2, $3, $4)
         RETURNING id, uscc, kind, value, created_by AS "createdBy", created_at AS "createdAt"`,
        [uscc, holding.kind, holding.value, p.sub],
      )) as GtinPrefixView[];
      await recordAudit(m, p, [
        { action: 'create', entityType: ENTITY, entityId: row.id, after: row, detail: { uscc } },
      ]);
      return row;
    });
  }

  async list(p: Principal, q: GtinPrefixQuery): Promise<Page<GtinPrefixView>> {
    const params: unknown[] = [];
    const arg = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [this.visible(p, arg)];
    if (q.uscc !== undefined) where.push(`g.uscc = ${arg(q.uscc)}`);
    if (q.cursor !== undefined) {
      const after = decodeCursor(q.cursor);
      if (
        after?.length !== 2 ||
        typeof after[0] !== 'string' ||
        typeof after[1] !== 'string' ||
        !UUID.test(after[1])
      )
        throw invalid([{ field: 'cursor', reason: 'is not a cursor this API issued' }]);
      where.push(`(g.uscc, g.id) > (${arg(after[0])}, ${arg(after[1])}::uuid)`);
    }
    const rows = (await this.ds.query(
      `${VIEW} WHERE ${where.join(' AND ')} ORDER BY g.uscc, g.id LIMIT ${arg(q.limit + 1)}`,
      params,
    )) as GtinPrefixView[];
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    const last = items[items.length - 1];
    return { items, nextCursor: more ? encodeCursor([last.uscc, last.id]) : null };
  }

  /** Events already captured under it stay: they were the enterprise's when captured. */
  async remove(p: Principal, id: string): Promise<void> {
    if (!UUID.test(id)) throw notFound('GTIN prefix', id);
    await this.ds.transaction(async (m) => {
      // As registration: a capture checked against the holdings waits for this, or this for it.
      await m.query('SELECT pg_advisory_xact_lock($1)', [REGISTRATION_LOCK]);
      const params: unknown[] = [id];
      const arg = (v: unknown) => {
        params.push(v);
        return `$${params.length}`;
      };
      const [row] = (await m.query(
        `${VIEW} WHERE g.id = $1 AND ${this.visible(p, arg)} FOR UPDATE OF g`,
        params,
      )) as GtinPrefixView[];
      if (!row) throw notFound('GTIN prefix', id);
      await m.query(`DELETE FROM enterprise_gtin_prefix WHERE id = $1`, [id]);
      await recordAudit(m, p, [
        { action: 'delete', entityType: ENTITY, entityId: id, before: row },
      ]);
    });
  }

  /** Whose prefix a request registers: the caller's own (enterprise) or the one named (admin). */
  private targetOf(p: Principal, uscc: string | undefined): string {
    if (p.role === 'enterprise') {
      if (uscc !== undefined && uscc !== p.org)
        throw new AppException(
          HttpStatus.FORBIDDEN,
          'FORBIDDEN',
          'an enterprise registers GTIN prefixes for itself only (leave out uscc or give your own)',
        );
      return p.org as string;
    }
    if (uscc === undefined)
      throw invalid([
        { field: 'uscc', reason: 'is required: the enterprise the prefix is registered to' },
      ]);
    return uscc;
  }

  /** The rows a caller may see, as a condition on alias g. */
  private visible(p: Principal, arg: (v: unknown) => string): string {
    if (p.role === 'enterprise') return `g.uscc = ${arg(p.org)}`;
    const prefix = scopePrefix(p);
    if (prefix === null)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${p.role} may not read GTIN prefixes`,
      );
    if (prefix === '') return 'true';
    return `EXISTS (SELECT 1 FROM enterprise e WHERE e.uscc = g.uscc AND e.region_code LIKE ${arg(`${prefix}%`)})`;
  }
}

/** The holding a request asks for: exactly one of companyPrefix and gtin. */
function holdingOf(dto: CreateGtinPrefixDto): GtinHolding {
  if (dto.companyPrefix !== undefined && dto.gtin !== undefined)
    throw invalid([
      {
        field: 'gtin',
        reason: 'give either companyPrefix or gtin, not both (companyPrefix was given)',
      },
    ]);
  if (dto.companyPrefix !== undefined) return { kind: 'company_prefix', value: dto.companyPrefix };
  if (dto.gtin !== undefined) return { kind: 'gtin', value: toGtin14(dto.gtin) };
  throw invalid([
    {
      field: 'companyPrefix',
      reason: 'give companyPrefix (a GS1 company prefix of 6–12 digits) or gtin (a single GTIN)',
    },
  ]);
}
