/** Deep enough for any real wrapping, small enough to stop on a cyclic chain. */
const MAX_DEPTH = 8

/**
 * An error and its `cause` chain in one line, each link with its code when its message does not
 * already say it: a store's "kept failing transiently" alone does not tell an operator that the
 * server refused the connection (`ECONNREFUSED`) or that the host is unknown (`ENOTFOUND`).
 *
 * @example
 * ```ts
 * describeFailure(new Error('could not open', { cause: Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }) }))
 * // 'could not open; caused by: ECONNREFUSED: connect refused'
 * ```
 */
export function describeFailure(error: unknown): string {
  const links: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < MAX_DEPTH && current !== undefined && current !== null; depth++) {
    const { message, code } = describeLink(current)
    const said = links.join(' ')
    // A wrapper often repeats its cause's message: say each thing once, but always the code.
    if (message !== '' && !said.includes(message))
      links.push(code === undefined ? message : `${code}: ${message}`)
    else if (code !== undefined && !said.includes(code)) links.push(code)
    current = current instanceof Error ? current.cause : undefined
  }
  return links.length === 0 ? String(error) : links.join('; caused by: ')
}

/** An error's message, and its code when the message does not already say it. */
function describeLink(error: unknown): { readonly message: string; readonly code: string | undefined } {
  if (!(error instanceof Error)) return { message: String(error), code: undefined }
  // Node's connection errors to a name with several addresses are AggregateErrors with no message.
  const message =
    error.message === '' && error instanceof AggregateError
      ? error.errors.map((inner) => describeFailure(inner)).join(', ')
      : error.message
  const code = (error as { code?: unknown }).code
  return { message, code: typeof code === 'string' && !message.includes(code) ? code : undefined }
}
