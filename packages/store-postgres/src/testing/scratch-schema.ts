import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { quoted } from '../postgres-identifiers.js'
import { clientPerCall, rawConnectionOf, type RawConnection } from './raw-connection.js'

/** The query parameter of a fixture spec that names the schema (see createStoreFixture). */
export const SCHEMA_PARAMETER = 'schema'

/**
 * Creates an empty schema `batchgate_t_<random>` in the database of `serverUri` (or on a raw
 * connection to it) and returns its name.
 * A schema, not a database: it is made and dropped in milliseconds, and the suites make one per test.
 *
 * @example
 * ```ts
 * const schema = await createScratchSchema('postgres://postgres@127.0.0.1:5432/test') // batchgate_t_4f1c2a9e0b7d
 * ```
 */
export async function createScratchSchema(serverUri: string | RawConnection): Promise<string> {
  const name = `batchgate_t_${randomBytes(6).toString('hex')}`
  await rawConnectionOf(serverUri).run((client) => client.query(`create schema ${quoted(name)}`))
  return name
}

/** Drops a schema with everything in it. */
export async function dropScratchSchema(serverUri: string | RawConnection, schema: string): Promise<void> {
  await rawConnectionOf(serverUri).run((client) =>
    client.query(`drop schema if exists ${quoted(schema)} cascade`),
  )
}

/**
 * A fixture spec: the connection string with `?schema=<name>` (see createStoreFixture).
 *
 * @example
 * ```ts
 * withSchema('postgres://postgres@127.0.0.1:5432/test', 'race') // postgres://postgres@127.0.0.1:5432/test?schema=race
 * ```
 */
export function withSchema(uri: string, schema: string): string {
  const url = new URL(uri)
  url.searchParams.set(SCHEMA_PARAMETER, schema)
  return url.toString()
}

/** A spec's connection string (without `schema`) and schema (default `public`). */
export function splitSpec(spec: string): { connectionString: string; schema: string } {
  const url = new URL(spec)
  const schema = url.searchParams.get(SCHEMA_PARAMETER) ?? 'public'
  url.searchParams.delete(SCHEMA_PARAMETER)
  return { connectionString: url.toString(), schema }
}

/** The URI without its password (in the user info or as pg's `password` parameter), for messages and reports. */
export function redactUri(uri: string): string {
  const url = new URL(uri)
  if (url.password !== '') url.password = '***'
  if (url.searchParams.has('password')) url.searchParams.set('password', '***')
  return url.toString()
}

/** Runs `work` on a pg client of its own, then closes it. */
export function withClient<T>(uri: string, work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
  return clientPerCall(uri).run(work)
}
