import { randomBytes } from 'node:crypto'
import { createConnection } from 'mysql2/promise'

/**
 * Creates an empty database `batchgate_t_<random>` on the server of `serverUri` and returns its URI
 * (the server URI with the new database as its path).
 *
 * @example
 * ```ts
 * const uri = await createScratchDatabase('mysql://root@127.0.0.1:3306/test')
 * // mysql://root@127.0.0.1:3306/batchgate_t_4f1c2a9e0b7d
 * ```
 */
export async function createScratchDatabase(serverUri: string): Promise<string> {
  const name = `batchgate_t_${randomBytes(6).toString('hex')}`
  const admin = await createConnection({ uri: serverUri })
  try {
    await admin.query(`create database \`${name}\` character set utf8mb4`)
  } finally {
    await admin.end()
  }
  return withDatabase(serverUri, name)
}

/** Drops the database a {@link createScratchDatabase} URI names. */
export async function dropScratchDatabase(uri: string): Promise<void> {
  const admin = await createConnection({ uri })
  try {
    await admin.query(`drop database if exists \`${databaseOf(uri)}\``)
  } finally {
    await admin.end()
  }
}

/** `uri` naming another database on the same server. */
export function withDatabase(uri: string, database: string): string {
  const url = new URL(uri)
  url.pathname = `/${encodeURIComponent(database)}`
  return url.toString()
}

/** The database a URI names. */
export function databaseOf(uri: string): string {
  return decodeURIComponent(new URL(uri).pathname.slice(1))
}

/** The URI without its password, for messages and reports. */
export function redactUri(uri: string): string {
  const url = new URL(uri)
  if (url.password !== '') url.password = '***'
  return url.toString()
}
