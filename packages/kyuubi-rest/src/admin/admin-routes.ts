import type { Route } from '../handler/route.js'
import { ok } from '../http/reply.js'
import { instanceDto } from './instance-dto.js'
import { requireAdmin } from './require-admin.js'

/**
 * `GET /admin/instances` (admins only): the engine instances sharing the metastore, one entry per lease
 * row, as a JSON array of {@link InstanceDto} (a bare array, as Kyuubi's admin listings answer).
 *
 * @example
 * ```ts
 * new RouteTable([...adminRoutes])
 * ```
 */
export const adminRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/admin/instances',
    async handle({ engine, context }) {
      requireAdmin(engine, context, 'list the instances')
      return ok((await engine.instances(context)).map(instanceDto))
    },
  },
]
