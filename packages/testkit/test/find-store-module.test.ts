import { pathToFileURL } from 'node:url'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BUILT_IN_STORE_MODULES } from '@batchgate/testkit'
import { findStoreModule } from '../src/cli/find-store-module.js'

const BROKEN_FIXTURE = pathToFileURL(
  fileURLToPath(new URL('./fixtures/broken-store-target.mjs', import.meta.url)),
).href

describe('batchgate-simulate finds the store of a spec by asking the stores', () => {
  it.each([
    ['sqlite:/tmp/race.db', '@batchgate/store-sqlite/testing'],
    ['mysql://root@127.0.0.1:3306/race', '@batchgate/store-mysql/testing'],
    ['mariadb://root@127.0.0.1:3306/race', '@batchgate/store-mysql/testing'],
    ['postgres://postgres@127.0.0.1:5432/test?schema=race', '@batchgate/store-postgres/testing'],
    ['postgresql://postgres@127.0.0.1:5432/test', '@batchgate/store-postgres/testing'],
  ])('%s: %s', async (spec, module) => {
    expect(await findStoreModule(spec)).toBe(module)
  })

  it('skips a candidate that is not installed, and says so when none handles the spec', async () => {
    const candidates = ['@batchgate/store-not-installed/testing', ...BUILT_IN_STORE_MODULES]
    expect(await findStoreModule('sqlite:/tmp/race.db', candidates)).toBe('@batchgate/store-sqlite/testing')
    await expect(findStoreModule('redis://cache/0', candidates)).rejects.toThrow(
      /not installed: @batchgate\/store-not-installed\/testing.*give --store-module/,
    )
  })

  it('never picks a module that does not declare handles(spec)', async () => {
    // The broken fixture module opens sqlite: specs but declares nothing: only --store-module picks it.
    await expect(findStoreModule('sqlite:/tmp/race.db', [BROKEN_FIXTURE])).rejects.toThrow(
      /give --store-module/,
    )
  })

  it('rethrows a candidate that is installed but fails to load', async () => {
    const failure = Object.assign(new Error('bad native addon'), { code: 'ERR_DLOPEN_FAILED' })
    await expect(
      findStoreModule('sqlite:/tmp/race.db', ['some-store/testing'], () => Promise.reject(failure)),
    ).rejects.toBe(failure)
  })
})
