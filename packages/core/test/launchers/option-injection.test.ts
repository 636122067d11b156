// A submitter's resource must never become an option of the host's command: `node -e <code>` would run
// the submitter's code. Every case runs (or would run) a real node child that writes a marker file.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BatchgateError, commandLauncher, type BatchLauncher } from '@batchgate/core'
import { launchContext } from './launch-context.js'
import { runningBatch } from './processes.js'

/** A script that leaves `marker` behind when node runs it. */
function markerScript(marker: string): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`
}

function freshMarker(): string {
  return join(mkdtempSync(join(tmpdir(), 'batchgate-injection-')), 'marker')
}

/** The rejection of `promise`, failing the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

/** The launcher's `validate`, called as core calls it. */
async function validate(launcher: BatchLauncher, resource: string, args: string[]): Promise<void> {
  if (launcher.validate === undefined) throw new Error('commandLauncher has no validate')
  await launcher.validate({
    user: 'mallory',
    batchType: 'CMD',
    resource,
    className: undefined,
    name: undefined,
    conf: {},
    args,
  })
}

describe('commandLauncher and option-like resources', () => {
  const node = () => commandLauncher({ command: process.execPath })

  it('refuses, in validate, a resource that starts with "-" under the default [resource, ...args]', async () => {
    const marker = freshMarker()
    for (const resource of ['-e', '--eval', '-p', '--require=./evil.js', '-']) {
      const error = await rejectionOf(validate(node(), resource, [markerScript(marker)]))
      expect(BatchgateError.is(error, 'INVALID_REQUEST')).toBe(true)
      expect((error as Error).message).toContain(JSON.stringify(resource))
    }
    await validate(node(), 'job.js', ['-e', 'an argument of the job, after the resource'])
    expect(existsSync(marker)).toBe(false)
  })

  it('never runs node with -e from a batch stored before the check (launch refuses too, as ERROR)', async () => {
    const marker = freshMarker()
    const launch = node().launch(
      runningBatch({ resource: '-e', args: [markerScript(marker)] }),
      launchContext(),
    )
    const error = await rejectionOf(launch)
    expect((error as Error).message).toMatch(/resource "-e" starts with "-"/)
    expect(existsSync(marker)).toBe(false)
  })

  it('runs it when the host allows option-like resources (so the refusals above are what stops it)', async () => {
    const marker = freshMarker()
    const launcher = commandLauncher({ command: process.execPath, allowOptionLikeResource: true })
    await validate(launcher, '-e', [markerScript(marker)])
    await launcher.launch(runningBatch({ resource: '-e', args: [markerScript(marker)] }), launchContext())
    expect(existsSync(marker)).toBe(true)
  })
})
