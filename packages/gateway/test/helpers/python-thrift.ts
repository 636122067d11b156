// Debian's Python Thrift as a second, independent HiveServer2 client: thrift-compiler generates Python
// code from the TCLIService.thrift that npm's hive-driver ships, and Debian's /usr/bin/python3 (which
// sees python3-thrift and python3-pure-sasl, unlike a pyenv python3 on PATH) runs test/python/tcli_client.py.
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const PYTHON = '/usr/bin/python3'
const THRIFT = '/usr/bin/thrift'
const CLIENT = fileURLToPath(new URL('../python/tcli_client.py', import.meta.url))
/** hive-driver's own copy of Hive's IDL. */
const IDL = join(
  dirname(createRequire(import.meta.url).resolve('hive-driver/package.json')),
  'thrift',
  'TCLIService.thrift',
)
const run = promisify(execFile)

/** Whether the Python client can run here, and why not. */
export interface PythonThrift {
  readonly available: boolean
  /** Why the tests skip (outside CI only). */
  readonly skipReason: string | undefined
}

/**
 * Finds Debian's thrift-compiler, python3-thrift and python3-pure-sasl. Locally a missing one makes the
 * tests skip with a message saying what to install; under CI (`CI=true`) it is an error, never a silent
 * skip (.ci/run installs them).
 *
 * @example
 * ```ts
 * const python = await findPythonThrift()
 * describe.skipIf(!python.available)('python3-thrift', () => { ... })
 * ```
 */
export async function findPythonThrift(): Promise<PythonThrift> {
  let reason: string | undefined
  if (!existsSync(THRIFT)) reason = `${THRIFT} is missing (Debian's thrift-compiler)`
  else if (!existsSync(PYTHON)) reason = `${PYTHON} is missing (Debian's python3)`
  else {
    try {
      await run(PYTHON, ['-c', 'import thrift.transport.TTransport, puresasl.client'], { env: {} })
    } catch (error) {
      reason = `${PYTHON} cannot import thrift and puresasl (Debian's python3-thrift and python3-pure-sasl): ${(error as Error).message}`
    }
  }
  if (reason === undefined) return { available: true, skipReason: undefined }
  if (process.env.CI === 'true') {
    throw new Error(
      `CI needs Debian's Thrift tools for the Python client test; .ci/run installs them: ${reason}`,
    )
  }
  console.warn(
    `[batchgate] skipping the Python Thrift client test: ${reason}; apt-get install thrift-compiler python3-thrift python3-pure-sasl`,
  )
  return { available: false, skipReason: reason }
}

/**
 * Generates the Python TCLIService client from hive-driver's IDL into `dir` (the package `TCLIService`).
 *
 * @example
 * ```ts
 * await generatePythonClient(join(tmp, 'gen-py'))
 * ```
 */
export async function generatePythonClient(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await run(THRIFT, ['--gen', 'py', '-out', dir, IDL], { env: { PATH: process.env.PATH ?? '' } })
}

/** What tcli_client.py is asked to do (written to its stdin: the password stays off its command line). */
export interface PythonPlan {
  readonly transport: 'sasl' | 'nosasl' | 'http'
  readonly host: string
  readonly port: number
  readonly path?: string
  readonly user: string
  readonly password: string
  readonly statement: string
  readonly fetches: readonly (readonly [orientation: string, maxRows: number])[]
}

/** One FetchResults as the Python client saw it. */
export interface PythonFetch {
  readonly orientation: string
  readonly maxRows: number
  readonly status: {
    readonly statusCode: number
    readonly sqlState: string | null
    readonly errorMessage: string | null
  }
  readonly hasMoreRows: boolean | null
  readonly startRowOffset: number | null
  readonly rows: readonly (readonly unknown[])[]
}

/** What tcli_client.py printed. */
export interface PythonReport {
  readonly connectError?: string
  readonly callError?: string
  readonly httpStatus?: number | null
  readonly openSession?: {
    readonly status: { readonly statusCode: number }
    readonly serverProtocolVersion: number
  }
  readonly dbmsName?: string | null
  readonly execute?: { readonly status: { readonly statusCode: number } }
  readonly columns?: readonly string[]
  readonly fetches?: readonly PythonFetch[]
  readonly tables?: {
    readonly status: { readonly statusCode: number }
    readonly rows: readonly (readonly unknown[])[]
  }
  readonly closeSession?: { readonly statusCode: number }
}

/**
 * Runs tcli_client.py with the generated code of `generatedDir` and `plan`; resolves with its exit code,
 * its parsed report and its stderr.
 *
 * @example
 * ```ts
 * const { code, report } = await runPythonClient(genDir, { transport: 'sasl', ... })
 * ```
 */
export function runPythonClient(
  generatedDir: string,
  plan: PythonPlan,
  timeoutMs = 60_000,
): Promise<{ code: number | null; report: PythonReport | undefined; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [CLIENT], {
      // Only what Python needs: nothing of the test's environment, no secret.
      env: { PYTHONPATH: generatedDir, PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.once('error', reject)
    child.once('close', (code) => {
      let report: PythonReport | undefined
      try {
        report = JSON.parse(stdout) as PythonReport
      } catch {
        report = undefined
      }
      resolve({ code, report, stderr })
    })
    child.stdin.end(JSON.stringify(plan))
  })
}
