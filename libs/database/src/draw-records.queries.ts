import { EntityManager } from 'typeorm';
import { Draw } from './entities';

/** The draw row without its eligible list, or null. */
export async function findDraw(m: EntityManager, drawId: string): Promise<Draw | null> {
  return m.getRepository(Draw).findOneBy({ id: drawId });
}

/** The stored `draw.eligible` of a draw, gzipped, or null for no such draw. */
export async function storedEligible(m: EntityManager, drawId: string): Promise<Buffer | null> {
  const rows = (await m.query(`SELECT eligible FROM draw WHERE id = $1`, [drawId])) as {
    eligible: Buffer;
  }[];
  return rows.length ? rows[0].eligible : null;
}
