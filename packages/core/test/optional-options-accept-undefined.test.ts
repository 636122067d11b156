// The workspace compiles with exactOptionalPropertyTypes, as strict hosts do: this file only type-checks
// (pnpm typecheck covers test files) when the optional fields of the public option types accept
// `undefined`, which is what a host passes on from its own optional settings. At run time each
// `undefined` must keep the field's default.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  commandLauncher,
  cursorFromArray,
  cursorFromIterable,
  FetchOrientation,
  OperationRegistry,
  resumableReader,
} from '@batchgate/core'
import { launchContext } from './launchers/launch-context.js'
import { runningBatch } from './launchers/processes.js'

const rows = Array.from({ length: 10 }, (_, i) => i)

describe('optional options given as undefined keep their defaults', () => {
  it('cursorFromArray and cursorFromIterable: every orientation, the default row limit', async () => {
    const array = cursorFromArray(rows, { maxRowsLimit: undefined, orientations: undefined })
    const stream = cursorFromIterable(() => rows, {
      scrollbackRows: 2,
      reopenable: undefined,
      maxRowsLimit: undefined,
      orientations: undefined,
    })
    for (const cursor of [array, stream]) {
      expect((await cursor.fetch(FetchOrientation.FETCH_LAST, 3)).rows).toEqual([7, 8, 9])
      // Far beyond the scrollback: the iterable cursor re-opens its source (reopenable defaults to true).
      expect((await cursor.fetch(FetchOrientation.FETCH_FIRST, 2)).rows).toEqual([0, 1])
      await cursor.close()
    }
  })

  it('OperationRegistry and resumableReader read every row once', async () => {
    const registry = new OperationRegistry<number>({
      idleTimeoutMs: undefined,
      sweepIntervalMs: undefined,
      now: undefined,
      onCloseError: undefined,
    })
    const handle = registry.open(cursorFromArray(rows))
    const read: number[] = []
    const reader = resumableReader<number>((o, n, k) => registry.fetch(handle, o, n, k), {
      maxRows: 4,
      maxRetries: undefined,
      retryDelayMs: undefined,
      isRetryable: undefined,
      onEvent: undefined,
      fetchTimeoutMs: undefined,
    })
    for await (const row of reader) read.push(row)
    expect(read).toEqual(rows)
    await registry.closeAll()
  })

  it('commandLauncher runs `command resource ...args` by default', async () => {
    const launcher = commandLauncher({
      command: process.execPath,
      args: undefined,
      cwd: undefined,
      inheritEnv: undefined,
      env: undefined,
      killGraceMs: undefined,
      timeoutMs: undefined,
      tailLines: undefined,
      maxLineLength: undefined,
      onOutput: undefined,
      onOutputError: undefined,
      allowOptionLikeResource: undefined,
    })
    const script = join(mkdtempSync(join(tmpdir(), 'batchgate-undefined-')), 'exit.mjs')
    writeFileSync(script, 'process.exit(process.argv[2] === "ok" ? 0 : 3)\n')
    const signal = new AbortController().signal
    const batch = runningBatch({ resource: script, args: ['ok'] })
    await expect(launcher.launch(batch, launchContext(signal))).resolves.toBeUndefined()
    // allowOptionLikeResource: undefined keeps refusing a resource that would be read as an option.
    const injected = runningBatch({ resource: '-e', args: ['process.exit(0)'] })
    await expect(launcher.launch(injected, launchContext(signal))).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    })
  })
})
