import { describe, it } from 'vitest'
import type { ConformanceCase, SuiteOptions } from './conformance-case.js'

/**
 * Registers `cases` with vitest under `title`, each with a fresh subject from `open` that `close`
 * releases afterwards, whatever the outcome — so no test depends on another.
 */
export function describeCases<Subject>(
  title: string,
  cases: readonly ConformanceCase<Subject>[],
  lifecycle: { open: () => Promise<Subject>; close: (subject: Subject) => Promise<void> },
  options: SuiteOptions = {},
): void {
  const skipped = new Set(options.skipGroups ?? [])
  const suite = options.skipReason === undefined ? describe : describe.skip
  if (options.skipReason !== undefined)
    console.warn(`[batchgate testkit] skipping "${title}": ${options.skipReason}`)
  suite(title, () => {
    for (const group of new Set(cases.map((c) => c.group))) {
      const inGroup = cases.filter((c) => c.group === group)
      describe.skipIf(skipped.has(group))(group, () => {
        for (const testCase of inGroup) {
          it(
            testCase.name,
            async (context) => {
              const subject = await lifecycle.open()
              try {
                await testCase.run(subject, { skip: (reason) => context.skip(reason) })
              } finally {
                await lifecycle.close(subject)
              }
            },
            options.timeoutMs ?? 30_000,
          )
        }
      })
    }
  })
}
