import { execFileSync } from 'node:child_process'

/** One sample as the Prometheus client's parser returns it (a non-finite value as its text: `+Inf`, `NaN`). */
export interface PrometheusSample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number | string
}

/** One metric family as the Prometheus client's parser returns it. */
export interface PrometheusFamily {
  readonly name: string
  readonly type: string
  readonly samples: readonly PrometheusSample[]
}

// The official Prometheus client's parser (Debian's python3-prometheus-client, which .ci/run installs).
const PARSER = `
import json, math, sys
from prometheus_client.parser import text_string_to_metric_families
def value(v):
    return v if math.isfinite(v) else str(v)
print(json.dumps([
    {'name': f.name, 'type': f.type,
     'samples': [{'name': s.name, 'labels': s.labels, 'value': value(s.value)} for s in f.samples]}
    for f in text_string_to_metric_families(sys.stdin.read())
]))
`

/**
 * Parses Prometheus' text exposition format with the official Prometheus client's parser; throws what
 * the parser says about text it refuses.
 *
 * @example
 * ```ts
 * const families = parsePrometheusText(await (await fetch(`${url}/metrics`)).text())
 * ```
 */
export function parsePrometheusText(text: string): PrometheusFamily[] {
  const json = execFileSync('/usr/bin/python3', ['-c', PARSER], { input: text, encoding: 'utf8' })
  return JSON.parse(json) as PrometheusFamily[]
}

/** The family named `name`; throws, listing the names there are, when there is none. */
export function family(families: readonly PrometheusFamily[], name: string): PrometheusFamily {
  const found = families.find((candidate) => candidate.name === name)
  if (found === undefined) {
    throw new Error(`no metric family ${name}; there are ${families.map((f) => f.name).join(', ')}`)
  }
  return found
}
