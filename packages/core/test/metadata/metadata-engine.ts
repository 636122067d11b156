import type { Engine, MetadataRequest, RequestContext, ResultRow } from '@batchgate/core'
import { FetchOrientation } from '@batchgate/core'
import { alice } from '../session/statement-engine.js'

/** Opens a session for `context`, runs `request` in it and answers the operation's handle. */
export async function metadataOperation(
  engine: Engine,
  request: MetadataRequest,
  context: RequestContext = alice,
): Promise<string> {
  const session = await engine.sessions.open({}, context)
  return engine.sessions.executeMetadata(session.handle, request, context)
}

/** Every row of a FINISHED operation, fetched in blocks of 7 from the first. */
export async function allRows(
  engine: Engine,
  handle: string,
  context: RequestContext = alice,
): Promise<ResultRow[]> {
  const rows: ResultRow[] = []
  let orientation: FetchOrientation = FetchOrientation.FETCH_FIRST
  for (;;) {
    const block = await engine.operations.fetch(handle, orientation, 7, undefined, context)
    rows.push(...block.rows)
    if (!block.hasMoreRows) return rows
    orientation = FetchOrientation.FETCH_NEXT
  }
}

/** The rows `request` answers, run in a fresh session of alice's. */
export async function metadataRows(engine: Engine, request: MetadataRequest): Promise<ResultRow[]> {
  return allRows(engine, await metadataOperation(engine, request))
}

/** The result's column names. */
export function columnNames(engine: Engine, handle: string, context: RequestContext = alice): string[] {
  return engine.operations.resultMetadata(handle, context).map((column) => column.name)
}
