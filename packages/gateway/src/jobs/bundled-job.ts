// The batch job the gateway runs when no --batch-command is given: it prints what it was asked to run
// and a few progress lines, then exits 0. It stands in for spark-submit in the quick start and tests.
const STEPS = 5
const STEP_MS = 200

const [resource = '', ...args] = process.argv.slice(2)
const batchId = process.env.BATCHGATE_BATCH_ID ?? 'unknown'
console.log(`batch ${batchId}: running ${resource} with ${args.length} argument(s)`)
for (let step = 1; step <= STEPS; step++) {
  await new Promise((resolve) => setTimeout(resolve, STEP_MS))
  console.log(`batch ${batchId}: progress ${(step * 100) / STEPS}%`)
}
console.log(`batch ${batchId}: done`)
