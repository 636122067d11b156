import { randomUUID } from 'node:crypto'
import type { Clock } from '@batchgate/core'

/** Kyuubi's test application, as BatchTestHelper names it. */
export const SPARK_APP_NAME = 'Spark Pi'
export const SPARK_MAIN_CLASS = 'org.apache.spark.examples.SparkPi'
export const SPARK_RESOURCE = '/opt/spark/examples/jars/spark-examples.jar'

/**
 * Kyuubi's `newSparkBatchRequest(conf)`: a SPARK batch of the Spark Pi example with `conf`.
 *
 * @example
 * ```ts
 * newSparkBatchRequest({ 'spark.master': 'local', 'kyuubi.batch.id': randomUUID() })
 * ```
 */
export function newSparkBatchRequest(conf: Record<string, string> = {}): Record<string, unknown> {
  return newBatchRequest('SPARK', SPARK_RESOURCE, SPARK_MAIN_CLASS, SPARK_APP_NAME, conf)
}

/** Kyuubi's `newBatchRequest(batchType, resource, className, name, conf, args)`. */
export function newBatchRequest(
  batchType: unknown,
  resource: unknown,
  className: unknown,
  name: unknown,
  conf: Record<string, string> = {},
  args: string[] = [],
): Record<string, unknown> {
  return { batchType, resource, className, name, conf, args }
}

/** A batch id for `conf['kyuubi.batch.id']`. */
export function newBatchId(): string {
  return randomUUID()
}

/**
 * The wall clock, made strictly increasing: batches created one after another get distinct create
 * times, so newest-first and oldest-first orders are well defined in the tests.
 */
export function increasingClock(): Clock {
  let last = 0
  return { now: () => (last = Math.max(Date.now(), last + 1)) }
}
