import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runExactlyOnceDemo } from './exactly-once-demo.js'
import { runResumableReadDemo } from './resumable-read-demo.js'

/** A small host application showing batchgate's two halves. Set BATCHGATE_DEMO_DB to keep the file. */
async function main(): Promise<void> {
  const print = (line: string): void => {
    console.log(line)
  }
  const keep = process.env.BATCHGATE_DEMO_DB
  const directory = keep === undefined ? mkdtempSync(join(tmpdir(), 'batchgate-demo-')) : undefined
  const filename = keep ?? join(directory ?? '.', 'batchgate.db')
  try {
    await runExactlyOnceDemo(filename, print)
    print('')
    await runResumableReadDemo(print)
  } finally {
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true })
  }
}

await main()
