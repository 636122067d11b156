// The batchgate-gateway command: parse the flags, start the gateway, print its address, and stop it
// cleanly on SIGINT or SIGTERM.
import { GATEWAY_USAGE, parseGatewayFlags, type GatewayFlags } from './cli/gateway-flags.js'
import { UsageError } from './cli/usage-error.js'
import { startGateway, type RunningGateway } from './server/start-gateway.js'

const NAME = 'batchgate-gateway'

function usageFailure(error: UsageError): never {
  process.stderr.write(`${NAME}: ${error.message}\nRun ${NAME} --help for the flags.\n`)
  process.exit(2)
}

function stopOnSignals(gateway: RunningGateway): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${NAME}: ${signal} again, exiting at once\n`)
      process.exit(130)
    }
    stopping = true
    process.stderr.write(`${NAME}: ${signal}: closing (requests in flight are answered)\n`)
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${NAME}: closing failed: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

async function main(): Promise<void> {
  let flags: GatewayFlags
  try {
    flags = parseGatewayFlags(process.argv.slice(2), process.env)
  } catch (error) {
    if (error instanceof UsageError) usageFailure(error)
    throw error
  }
  if (flags.help) {
    process.stdout.write(`${GATEWAY_USAGE}\n`)
    return
  }
  let gateway: RunningGateway
  try {
    gateway = await startGateway(flags)
  } catch (error) {
    if (error instanceof UsageError) usageFailure(error)
    process.stderr.write(
      `${NAME}: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(1)
  }
  stopOnSignals(gateway)
  // Tests and scripts wait for these lines: every front printed is accepting connections.
  process.stdout.write(`rest listening on ${gateway.url}\n`)
  if (gateway.thriftAddress !== undefined) {
    process.stdout.write(`thrift binary listening on ${gateway.thriftAddress}\n`)
  }
  if (gateway.thriftHttpUrl !== undefined) {
    process.stdout.write(`thrift http listening on ${gateway.thriftHttpUrl}\n`)
  }
}

await main()
