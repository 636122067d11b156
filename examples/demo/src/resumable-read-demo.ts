import {
  FetchOrientation,
  cursorFromIterable,
  resumableReader,
  type FetchFunction,
  type ResumableReadEvent,
} from '@batchgate/core'

const ROWS = 25
const MAX_ROWS = 5

/** The server's result: a stream the cursor never holds whole. */
function* events(): Generator<string> {
  for (let id = 0; id < ROWS; id++) yield `event-${String(id).padStart(2, '0')}`
}

/**
 * Part two of the demo: a client reads a result through `resumableReader` while its transport loses the
 * response to one FETCH_NEXT after the server has moved on. The log shows the FETCH_PRIOR recovery and
 * the offsets that make it safe.
 *
 * @example
 * ```ts
 * await runResumableReadDemo((line) => console.log(line))
 * ```
 */
export async function runResumableReadDemo(print: (line: string) => void): Promise<void> {
  const server = cursorFromIterable(events, { scrollbackRows: 2 * MAX_ROWS })
  let calls = 0
  // The host's transport to the server; the third call's answer is lost on the way back.
  const transport: FetchFunction<string> = async (orientation, maxRows, offset) => {
    const answer = await server.fetch(orientation, maxRows, offset)
    if (++calls === 3) {
      const [first, last] = [answer.startRowOffset, answer.startRowOffset + answer.rows.length - 1]
      throw new Error(`connection reset; the server had sent rows ${first}-${last}`)
    }
    return answer
  }

  print(
    `Part 2: resumable read — ${ROWS} rows, ${MAX_ROWS} per fetch, over a transport that loses one response`,
  )
  let request = ''
  const onEvent = (event: ResumableReadEvent): void => {
    switch (event.type) {
      case 'request':
        request = `  ${event.orientation.padEnd(11)} maxRows=${event.maxRows}`
        return
      case 'answer': {
        const fresh = event.rowCount - event.skippedRows
        const note = event.skippedRows > 0 ? `, ${event.skippedRows} already read: skipped` : ''
        print(
          `${request} → startRowOffset=${event.startRowOffset} rows=${event.rowCount} (${fresh} new${note})`,
        )
        return
      }
      case 'transport-error':
        print(
          `${request} → response lost (${event.error instanceof Error ? event.error.message : 'unknown'})`,
        )
        print(
          `  retry ${event.failures}: ${FetchOrientation.FETCH_PRIOR}'s startRowOffset will tell where the server is`,
        )
        return
    }
  }

  const received: string[] = []
  for await (const row of resumableReader(transport, {
    maxRows: MAX_ROWS,
    maxRetries: 3,
    retryDelayMs: 10,
    onEvent,
  })) {
    received.push(row)
  }
  await server.close()

  const expected = [...events()]
  const exact = received.length === expected.length && received.every((row, index) => row === expected[index])
  if (!exact) throw new Error(`the reader lost or repeated rows: ${received.join(', ')}`)
  print(
    `  ✓ all ${ROWS} rows arrived exactly once, in order (${received[0] ?? ''} … ${received.at(-1) ?? ''})`,
  )
}
