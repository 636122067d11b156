import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs'

/**
 * What the launched work writes to the external log, one line each: `launch` when it starts, `end` when
 * it finished its work, `killed` when a signal stopped it first. The engine under test never writes
 * this log: it is the outside world's record of what really ran.
 */
export type WorkEvent = 'launch' | 'end' | 'killed'

/** One line of the work log: `<event> <batchId> <instanceId> <pid> [<detail>]`. */
export interface WorkLogEntry {
  readonly event: WorkEvent
  readonly batchId: string
  /** The engine instance whose launcher started the work. */
  readonly instanceId: string
  /** The work process. */
  readonly pid: number
  /** `killed`: the signal's name. */
  readonly detail: string | undefined
}

const EVENTS: ReadonlySet<string> = new Set<WorkEvent>(['launch', 'end', 'killed'])

/**
 * Appends one line with its own `O_APPEND` descriptor and a single `write`: appends of one small line
 * from many processes never interleave or overwrite each other on a local file system.
 *
 * @example
 * ```ts
 * appendWorkLine('/tmp/work.log', { event: 'launch', batchId, instanceId: 'gw-1', pid: process.pid })
 * ```
 */
export function appendWorkLine(
  path: string,
  entry: Omit<WorkLogEntry, 'detail'> & { detail?: string },
): void {
  const fields = [entry.event, entry.batchId, entry.instanceId, String(entry.pid)]
  if (entry.detail !== undefined) fields.push(entry.detail)
  const descriptor = openSync(path, 'a')
  try {
    writeSync(descriptor, `${fields.join(' ')}\n`)
  } finally {
    closeSync(descriptor)
  }
}

/**
 * Every complete line of the work log, in the order written (none when there is no log yet). A line
 * that is not the log's format throws: something else wrote to it.
 *
 * @example
 * ```ts
 * const launches = readWorkLog(path).filter((entry) => entry.event === 'launch')
 * ```
 */
export function readWorkLog(path: string): WorkLogEntry[] {
  if (!existsSync(path)) return []
  const text = readFileSync(path, 'utf8')
  // A line being written has no newline yet: it is read next time.
  const complete = text.slice(0, text.lastIndexOf('\n') + 1)
  return complete
    .split('\n')
    .filter((line) => line !== '')
    .map(parseWorkLine)
}

/** One line of the log as an entry; throws on a line of another format. */
export function parseWorkLine(line: string): WorkLogEntry {
  const [event = '', batchId = '', instanceId = '', pid = '', detail] = line.split(' ')
  if (!EVENTS.has(event) || batchId === '' || instanceId === '' || !/^\d+$/.test(pid)) {
    throw new Error(`not a work log line: ${JSON.stringify(line)}`)
  }
  return { event: event as WorkEvent, batchId, instanceId, pid: Number(pid), detail }
}
