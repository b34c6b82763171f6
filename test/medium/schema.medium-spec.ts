import { ENTITIES, createDataSource } from '@spotcheck/database';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DataSource } from 'typeorm';

/**
 * The entities must describe the schema the migrations create: every table of schema public
 * has an entity in ENTITIES, with the same column names, nullability and types. A migration
 * that changes a table without its entity (or an entity without its migration) fails here.
 */

/** Tables that are not the application's data. */
const NOT_ENTITIES = new Set(['migrations']);

interface DbColumn {
  table: string;
  column: string;
  nullable: boolean;
  type: string;
}

/** information_schema's names of PostgreSQL's element types (udt names of arrays). */
const UDT: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  bool: 'boolean',
  text: 'text',
  varchar: 'character varying',
  bpchar: 'character',
  uuid: 'uuid',
  numeric: 'numeric',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  timestamp: 'timestamp without time zone',
  jsonb: 'jsonb',
  json: 'json',
  bytea: 'bytea',
  float8: 'double precision',
  float4: 'real',
  inet: 'inet',
};

/** The type as information_schema spells it; arrays as `<element>[]`. */
function dbType(dataType: string, udtName: string): string {
  if (dataType === 'ARRAY') return `${UDT[udtName.slice(1)] ?? udtName.slice(1)}[]`;
  if (dataType === 'USER-DEFINED') return udtName;
  return dataType;
}

/** The entity column's type in the same spelling, through the driver's own normalisation. */
function entityType(ds: DataSource, c: ColumnMetadata): string {
  const normal = ds.driver.normalizeType(c);
  const spelled = UDT[normal] ?? normal;
  return c.isArray ? `${spelled}[]` : spelled;
}

let ds: DataSource;
let db: DbColumn[];

beforeAll(async () => {
  ds = createDataSource(process.env.DATABASE_URL as string, 2);
  await ds.initialize();
  const rows = await ds
    .createQueryBuilder()
    .select('c.table_name', 'table')
    .addSelect('c.column_name', 'column')
    .addSelect('c.is_nullable', 'nullable')
    .addSelect('c.data_type', 'dataType')
    .addSelect('c.udt_name', 'udtName')
    .from('information_schema.columns', 'c')
    .where("c.table_schema = 'public'")
    .andWhere(
      `c.table_name IN (SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE')`,
    )
    .orderBy('c.table_name')
    .addOrderBy('c.ordinal_position')
    .getRawMany<{
      table: string;
      column: string;
      nullable: 'YES' | 'NO';
      dataType: string;
      udtName: string;
    }>();
  db = rows
    .filter((r) => !NOT_ENTITIES.has(r.table))
    .map((r) => ({
      table: r.table,
      column: r.column,
      nullable: r.nullable === 'YES',
      type: dbType(r.dataType, r.udtName),
    }));
});
afterAll(() => ds?.destroy());

const tablesOf = (cols: { table: string }[]) => [...new Set(cols.map((c) => c.table))].sort();
/** Metadata of the ENTITIES by table name (a table of two entities would be a mistake too). */
const entities = () => new Map(ds.entityMetadatas.map((m) => [m.tableName, m]));

describe('entities and the schema', () => {
  it('every table of schema public has an entity in ENTITIES', () => {
    const mapped = entities();
    const missing = tablesOf(db).filter((t) => !mapped.has(t));
    expect({ 'tables without an entity': missing }).toEqual({ 'tables without an entity': [] });
  });

  it('every entity has its table, and ENTITIES lists each once', () => {
    const tables = new Set(tablesOf(db));
    const names = ds.entityMetadatas.map((m) => m.tableName);
    expect({
      'entities without a table': names.filter((n) => !tables.has(n)).sort(),
      'tables of two entities': names.filter((n, i) => names.indexOf(n) !== i),
    }).toEqual({ 'entities without a table': [], 'tables of two entities': [] });
    expect(ds.entityMetadatas).toHaveLength(ENTITIES.length);
  });

  it('each entity has the columns of its table, with their nullability and type', () => {
    const problems: string[] = [];
    for (const [table, meta] of entities()) {
      const actual = db.filter((c) => c.table === table);
      if (actual.length === 0) continue;
      const declared = new Map(meta.columns.map((c) => [c.databaseName, c]));
      for (const col of actual) {
        const c = declared.get(col.column);
        if (!c) {
          problems.push(`${table}.${col.column}: no entity column (${col.type})`);
          continue;
        }
        const type = entityType(ds, c);
        if (type !== col.type)
          problems.push(`${table}.${col.column}: entity ${type}, table ${col.type}`);
        if (c.isNullable !== col.nullable)
          problems.push(
            `${table}.${col.column}: entity ${c.isNullable ? 'nullable' : 'NOT NULL'}, table ${col.nullable ? 'nullable' : 'NOT NULL'}`,
          );
      }
      for (const name of declared.keys())
        if (!actual.some((col) => col.column === name))
          problems.push(`${table}.${name}: entity column with no table column`);
    }
    expect(problems).toEqual([]);
  });
});
