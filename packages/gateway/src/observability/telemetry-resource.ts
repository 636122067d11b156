/// <reference types="node" preserve="true" />
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources'

/** The service name metrics and spans carry unless `OTEL_SERVICE_NAME` says otherwise. */
export const DEFAULT_SERVICE_NAME = 'batchgate-gateway'

/**
 * The OpenTelemetry resource of a gateway: the SDK's defaults (`telemetry.sdk.*`), `service.name` from
 * `OTEL_SERVICE_NAME` (default `batchgate-gateway`) and `service.instance.id` = the engine's instance id,
 * so that the metrics and spans of several gateways on one store are told apart.
 *
 * @example
 * ```ts
 * const resource = gatewayResource(process.env, 'gw-1')
 * ```
 */
export function gatewayResource(env: NodeJS.ProcessEnv, instanceId: string): Resource {
  const serviceName = env.OTEL_SERVICE_NAME?.trim()
  return defaultResource().merge(
    resourceFromAttributes({
      'service.name': serviceName === undefined || serviceName === '' ? DEFAULT_SERVICE_NAME : serviceName,
      'service.instance.id': instanceId,
    }),
  )
}
