import { FULL, QUICK } from './harness/bench-settings.js'
import { GROUPS } from './groups.js'

/** Runs one group (see runGroupProcess) and prints its rows as the last line of stdout. */
async function main(): Promise<void> {
  const [name, mode] = process.argv.slice(2)
  const group = GROUPS.find((candidate) => candidate.name === name)
  if (group === undefined || (mode !== 'full' && mode !== 'quick')) {
    throw new Error('usage: group-child.js <group> full|quick')
  }
  const rows = await group.run(mode === 'full' ? FULL : QUICK)
  process.stdout.write(`${JSON.stringify(rows)}\n`)
}

await main()
