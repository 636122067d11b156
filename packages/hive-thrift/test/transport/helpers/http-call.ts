import { request, type Agent, type IncomingHttpHeaders } from 'node:http'

/** An HTTP answer: status, headers, body, and the local port of the socket it came over. */
export interface HttpAnswer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
  readonly localPort: number | undefined
}

/** One HTTP request with node:http (a real client, real socket). */
export async function httpCall(
  port: number,
  options: {
    readonly method?: string
    readonly path?: string
    readonly headers?: Record<string, string | number>
    readonly body?: Buffer
    readonly agent?: Agent
  } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/cliservice',
        headers: options.headers,
        agent: options.agent,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            localPort: req.socket?.localPort,
          })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** `Authorization: Basic …` for a user and password. */
export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}
