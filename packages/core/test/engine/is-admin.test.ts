import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { afterEach, describe, expect, it } from 'vitest'

const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('engine.isAdmin', () => {
  it("answers the host's admins list, and false for everyone when there is none", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'batchgate-is-admin-'))
    dirs.push(dir)
    const withAdmins = await createEngine({
      store: sqliteStore({ filename: join(dir, 'a.db') }),
      admins: ['ops'],
    })
    const without = await createEngine({ store: sqliteStore({ filename: join(dir, 'b.db') }) })
    try {
      expect(withAdmins.isAdmin('ops')).toBe(true)
      expect(withAdmins.isAdmin('alice')).toBe(false)
      expect(withAdmins.isAdmin('OPS')).toBe(false)
      expect(without.isAdmin('ops')).toBe(false)
    } finally {
      await withAdmins.close()
      await without.close()
    }
  })
})
