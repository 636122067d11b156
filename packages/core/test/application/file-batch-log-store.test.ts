// Real files in a temporary directory: the file store as an engine with `batchLogs.directory` uses it.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileBatchLogStore, type BatchLogSettings } from '@batchgate/core/di'

const ID = '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'
const OTHER = '0f0e0d0c-0b0a-4908-8706-050403020100'

let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'batchgate-log-test-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

function settings(overrides: Partial<BatchLogSettings> = {}): BatchLogSettings & { directory: string } {
  return {
    shared: false,
    maxLines: 10,
    maxLineBytes: 64,
    maxBatches: 100,
    ...overrides,
    directory: join(root, 'logs'),
  }
}

function storeOf(overrides: Partial<BatchLogSettings> = {}, errors: unknown[] = []): FileBatchLogStore {
  return new FileBatchLogStore(settings(overrides), (error) => errors.push(error))
}

const numbered = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i}`)

/** The entries of the file as stored, one per line. */
async function fileEntries(id = ID): Promise<string[]> {
  const text = await readFile(join(root, 'logs', `${id}.log`), 'utf8')
  return text.split('\n').filter((entry) => entry !== '')
}

describe('FileBatchLogStore', () => {
  it('keeps the newest maxLines lines after a marker with the count dropped; positions count every line', async () => {
    const logs = storeOf()
    for (let i = 0; i < 25; i++) logs.append(ID, `line ${i}`)
    await logs.finish(ID)
    expect(await logs.read(ID, 0, 100)).toEqual({
      lines: ['... 15 earlier lines dropped ...', ...numbered(15, 25)],
      from: 14,
      total: 25,
    })
    expect(await logs.read(ID, 14, 1)).toEqual({
      lines: ['... 15 earlier lines dropped ...'],
      from: 14,
      total: 25,
    })
    expect(await logs.read(ID, 20, 3)).toEqual({ lines: numbered(20, 23), from: 20, total: 25 })
    expect(await logs.read(ID, 24, 0)).toEqual({ lines: [], from: 24, total: 25 })
    expect(await logs.read(ID, 40, 5)).toEqual({ lines: [], from: 40, total: 25 })
  })

  it('appends in bursts and rewrites the file once it holds twice maxLines, so a file stays bounded', async () => {
    const logs = storeOf()
    for (let burst = 0; burst < 100; burst++) {
      for (let i = 0; i < 3; i++) logs.append(ID, `line ${burst * 3 + i}`)
      await logs.finish(ID)
      expect((await fileEntries()).length).toBeLessThanOrEqual(2 * 10 + 1)
    }
    const page = await logs.read(ID, 0, 100)
    expect(page).toEqual({
      lines: ['... 290 earlier lines dropped ...', ...numbered(290, 300)],
      from: 289,
      total: 300,
    })
  })

  it('answers a read while a job keeps writing, with at least the lines appended before the read', async () => {
    const logs = storeOf({ maxLines: 100_000 })
    let written = 0
    const writing = setInterval(() => {
      for (let i = 0; i < 50; i++) logs.append(ID, `line ${written++}`)
    }, 1)
    try {
      await new Promise((resolve) => setTimeout(resolve, 20))
      const before = written
      const page = await logs.read(ID, 0, 0)
      expect(page.total).toBeGreaterThanOrEqual(before)
      // Answered while the job still writes (it did not wait for the writing to stop).
      expect(written).toBeGreaterThan(0)
    } finally {
      clearInterval(writing)
    }
    await logs.finish(ID)
    expect((await logs.read(ID, 0, 0)).total).toBe(written)
  })

  it('tries to make the directory again after a failure, so a fixed directory is written to', async () => {
    await writeFile(join(root, 'logs'), 'in the way')
    const errors: unknown[] = []
    const logs = storeOf({}, errors)
    logs.append(ID, 'lost')
    await logs.finish(ID)
    expect(errors).toHaveLength(1)
    await rm(join(root, 'logs'))
    logs.append(OTHER, 'kept')
    await logs.finish(OTHER)
    expect((await logs.read(OTHER, 0, 10)).lines).toEqual(['kept'])
  })

  it('continues a log after a restart (a new store on the same directory), counting on', async () => {
    const first = storeOf()
    for (let i = 0; i < 12; i++) first.append(ID, `line ${i}`)
    await first.close()
    const second = storeOf()
    for (let i = 12; i < 15; i++) second.append(ID, `line ${i}`)
    await second.finish(ID)
    expect(await second.read(ID, 0, 100)).toEqual({
      lines: ['... 5 earlier lines dropped ...', ...numbered(5, 15)],
      from: 4,
      total: 15,
    })
  })

  it('creates the directory owner-only (0700) and each file owner-only (0600), named by the batch id', async () => {
    const logs = storeOf()
    logs.append(ID, 'secret=1')
    await logs.finish(ID)
    expect(await readdir(join(root, 'logs'))).toEqual([`${ID}.log`])
    if (process.platform !== 'win32') {
      expect((await stat(join(root, 'logs'))).mode & 0o777).toBe(0o700)
      expect((await stat(join(root, 'logs', `${ID}.log`))).mode & 0o777).toBe(0o600)
    }
  })

  it('splits text at line breaks and cuts a long line to maxLineBytes of UTF-8, never inside a character', async () => {
    const logs = storeOf()
    logs.append(ID, 'a\r\nb\rc\n')
    logs.append(ID, 'é'.repeat(40))
    logs.append(ID, '😀'.repeat(20))
    logs.append(ID, 'lone \ud800 surrogate')
    await logs.finish(ID)
    const { lines } = await logs.read(ID, 0, 100)
    expect(lines.slice(0, 3)).toEqual(['a', 'b', 'c'])
    // 64 bytes: 30 two-byte characters and the three bytes of `…`.
    expect(lines[3]).toBe(`${'é'.repeat(30)}…`)
    expect(lines[4]).toBe(`${'😀'.repeat(15)}…`)
    expect(lines[5]).toBe('lone \ufffd surrogate')
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(64)
  })

  it('lists the ids it keeps logs for, any id safe as a file name, and removes one log', async () => {
    const logs = storeOf()
    const odd = '../../etc/passwd'
    for (const id of [ID, OTHER, odd]) logs.append(id, `log of ${id}`)
    await Promise.all([ID, OTHER, odd].map((id) => logs.finish(id)))
    expect((await logs.ids()).sort()).toEqual([ID, OTHER, odd].sort())
    expect(await readdir(root)).toEqual(['logs'])
    expect((await logs.read(odd, 0, 10)).lines).toEqual([`log of ${odd}`])
    await logs.remove(OTHER)
    expect((await logs.ids()).sort()).toEqual([ID, odd].sort())
    expect(await logs.read(OTHER, 0, 10)).toEqual({ lines: [], from: 0, total: 0 })
  })

  it('reports a failed write once per launch of a batch (BATCH_LOG_WRITE_FAILED), drops later lines and never throws', async () => {
    await writeFile(join(root, 'logs'), 'a file where the directory should be')
    const errors: unknown[] = []
    const logs = storeOf({}, errors)
    // Lines of a running launch, written while earlier ones are failing.
    for (let i = 0; i < 5; i++) {
      expect(() => {
        logs.append(ID, `line ${i}`)
      }).not.toThrow()
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    logs.append(OTHER, 'other')
    await logs.finish(ID)
    await logs.close()
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatchObject({ code: 'BATCH_LOG_WRITE_FAILED', message: expect.stringContaining(ID) })
    expect((errors[0] as Error).cause).toMatchObject({ code: expect.stringMatching(/^E/) })
    expect(await logs.read(ID, 0, 10)).toEqual({ lines: [], from: 0, total: 0 })
    expect(await logs.ids()).toEqual([])
  })
})
