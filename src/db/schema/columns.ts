import { customType } from 'drizzle-orm/pg-core';

/** Postgres `bytea`, read and written as a Buffer (drizzle has no built-in column for it). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => v,
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
