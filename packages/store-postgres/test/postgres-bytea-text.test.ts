import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { byteaTextBytes } from '../src/postgres-bytea-text.js'
import { describeWithPostgres, POSTGRES_URI } from './helpers/postgres-server.js'

describeWithPostgres('bytea as the server writes it, read back as bytes', () => {
  /** A client that hands back every value's text as the server sent it. */
  let client: pg.Client
  beforeAll(async () => {
    client = new pg.Client({
      connectionString: POSTGRES_URI,
      types: { getTypeParser: () => (value: string) => value },
    })
    await client.connect()
  })
  afterAll(() => client.end())

  const everyByte = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte))
  const text = Buffer.from('a\0b \\ é ✓ 𝄞 \\x00', 'utf8')

  it.each(['hex', 'escape'])('in the %s output format', async (format) => {
    await client.query(`set bytea_output = ${format}`)
    for (const bytes of [everyByte, text, Buffer.alloc(0)]) {
      const { rows } = await client.query<{ value: string }>('select $1::bytea as value', [bytes])
      const sent = rows[0]?.value ?? ''
      expect(byteaTextBytes(sent).equals(bytes), `${format}: ${sent.slice(0, 40)}`).toBe(true)
    }
  })
})
