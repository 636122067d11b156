/**
 * The conf key a client puts its own batch id under (the same key as Apache Kyuubi, so Kyuubi clients
 * keep working).
 *
 * @example
 * ```ts
 * await engine.batches.submit({ batchType: 'SPARK', resource, conf: { [KYUUBI_BATCH_ID_KEY]: randomUUID() } }, { user })
 * ```
 */
export const KYUUBI_BATCH_ID_KEY = 'kyuubi.batch.id'

/**
 * The `batchInfo` key set to `'true'` on the answer to a submission whose id already existed.
 *
 * @example
 * ```ts
 * const duplicated = batch.batchInfo[KYUUBI_BATCH_DUPLICATED_KEY] === 'true'
 * ```
 */
export const KYUUBI_BATCH_DUPLICATED_KEY = 'kyuubi.batch.duplicated'

/**
 * The conf key of a batch's launch-queue priority (Apache Kyuubi's key): a 32-bit integer in decimal,
 * default 10; higher is claimed first.
 *
 * @example
 * ```ts
 * await engine.batches.submit({ batchType: 'SPARK', resource, conf: { [KYUUBI_BATCH_PRIORITY_KEY]: '20' } }, { user })
 * ```
 */
export const KYUUBI_BATCH_PRIORITY_KEY = 'kyuubi.batch.priority'
