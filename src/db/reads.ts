import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';

type Reads<T extends readonly unknown[]> = { [K in keyof T]: () => PromiseLike<T[K]> };

/**
 * Runs independent reads together on a pool, and one after another inside a transaction. A
 * transaction is one connection, and node-postgres warns about a query sent while another runs on
 * it (pg 9 refuses it): the inbound worker's handlers answer questions through their transaction.
 */
export async function readTogether<T extends readonly unknown[]>(db: DbOrTx, reads: readonly [...Reads<T>]): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}
