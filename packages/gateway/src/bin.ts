// The batchgate-gateway command: parse the flags, start the gateway, print its address, and stop it
// cleanly on SIGINT or SIGTERM.
import { GATEWAY_USAGE, parseGatewayFlags, type GatewayFlags } from './cli/gateway-flags.js'
import type { Logger } from '@batchgate/core'
import { UsageError } from './cli/usage-error.js'
import { createGatewayLogger } from './observability/gateway-logger.js'
import { startGateway, type RunningGateway } from './server/start-gateway.js'

const NAME = 'batchgate-gateway'

function usageFailure(error: UsageError): never {
  process.stderr.write(`${NAME}: ${error.message}\nRun ${NAME} --help for the flags.\n`)
  process.exit(2)
}

function stopOnSignals(gateway: RunningGateway, logger: Logger): void {
  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, `${signal} again, exiting at once`)
      process.exit(130)
    }
    stopping = true
    logger.info({ signal }, `${signal}: closing (requests in flight are answered)`)
    gateway.close().then(
      () => {
        logger.info({}, 'closed')
        process.exit(0)
      },
      (error: unknown) => {
        logger.error({ err: error }, 'closing failed')
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
  // Logs go to stderr: stdout carries only the readiness lines below, which tests and scripts parse.
  const logger = createGatewayLogger({ level: flags.logLevel, format: flags.logFormat })
  let gateway: RunningGateway
  try {
    gateway = await startGateway(flags, { logger })
  } catch (error) {
    if (error instanceof UsageError) usageFailure(error)
    process.stderr.write(
      `${NAME}: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    process.exit(1)
  }
  stopOnSignals(gateway, logger)
  logger.info(
    {
      url: gateway.url,
      thriftAddress: gateway.thriftAddress,
      thriftHttpUrl: gateway.thriftHttpUrl,
      metricsUrl: gateway.metricsUrl,
    },
    'listening',
  )
  // Tests and scripts wait for these lines: every front printed is accepting connections.
  process.stdout.write(`rest listening on ${gateway.url}\n`)
  if (gateway.thriftAddress !== undefined) {
    process.stdout.write(`thrift binary listening on ${gateway.thriftAddress}\n`)
  }
  if (gateway.thriftHttpUrl !== undefined) {
    process.stdout.write(`thrift http listening on ${gateway.thriftHttpUrl}\n`)
  }
  if (gateway.metricsUrl !== undefined) {
    process.stdout.write(`metrics listening on ${gateway.metricsUrl}\n`)
  }
}

await main()
