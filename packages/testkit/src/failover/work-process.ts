// The launched work of a failover test: a real OS process, started by the work launcher, that records
// in the external log (O_APPEND) that it started, works (sleeps) for the given time, records that it
// ended and exits 0. Stopped by SIGTERM or SIGINT first, it records `killed` and exits 143.
// argv: <log path> <batch id> <instance id> <work ms>
import { appendWorkLine } from './work-log.js'

const [path = '', batchId = '', instanceId = '', workMs = '0'] = process.argv.slice(2)
const line = (event: 'launch' | 'end' | 'killed', detail?: string): void => {
  appendWorkLine(path, {
    event,
    batchId,
    instanceId,
    pid: process.pid,
    ...(detail === undefined ? {} : { detail }),
  })
}

// Handlers first: a signal arriving right after the launch line is written is still logged.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    line('killed', signal)
    process.exit(143)
  })
}
line('launch')
setTimeout(() => {
  line('end')
  process.exit(0)
}, Number(workMs))
