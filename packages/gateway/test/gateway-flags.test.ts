import { describe, expect, it } from 'vitest'
import { parseGatewayFlags, UsageError } from '@batchgate/gateway'

describe('parseGatewayFlags', () => {
  it('has the documented defaults: loopback, ports 10099, 10009 and 10010, a SQLite store, no --data, NONE auth', () => {
    expect(parseGatewayFlags([], {})).toEqual({
      help: false,
      store: 'sqlite:./batchgate.db',
      instanceId: undefined,
      host: '127.0.0.1',
      restPort: 10099,
      thriftPort: 10009,
      thriftHttpPort: 10010,
      thriftGraceMs: 60_000,
      dataFile: null,
      statementTimeoutMs: 60_000,
      maxStatements: 16,
      maxStatementsPerUser: undefined,
      batchCommand: undefined,
      batchTypes: ['SPARK', 'PYSPARK'],
      logDir: undefined,
      admins: [],
      auth: { kind: 'none' },
      maxRunningBatches: undefined,
      queuePollMs: undefined,
      lease: undefined,
      logLevel: 'info',
      logFormat: undefined,
      metricsPort: undefined,
    })
  })

  it('reads every flag', () => {
    const flags = parseGatewayFlags(
      [
        '--store=mysql://root@127.0.0.1:3306/gw',
        '--instance-id',
        'gw-1',
        '--host',
        '0.0.0.0',
        '--rest-port',
        '0',
        '--thrift-port',
        '0',
        '--thrift-http-port',
        'off',
        '--thrift-grace-ms',
        '0',
        '--data',
        'sales.db',
        '--statement-timeout-ms',
        '500',
        '--max-statements',
        '4',
        '--max-statements-per-user',
        '2',
        '--batch-command',
        '/opt/run.sh',
        '--batch-types',
        'SPARK, FLINK',
        '--log-dir',
        '/var/log/gw',
        '--admins',
        'ops,root',
        '--auth',
        'basic',
        '--auth-file',
        '/etc/gw/users',
        '--max-running-batches',
        '5',
        '--queue-poll-ms',
        '250',
        '--lease-ms',
        '9000',
        '--lease-renew-ms',
        '2000',
        '--log-level',
        'debug',
        '--log-format',
        'json',
        '--metrics-port',
        '9464',
      ],
      {},
    )
    expect(flags).toMatchObject({
      store: 'mysql://root@127.0.0.1:3306/gw',
      instanceId: 'gw-1',
      host: '0.0.0.0',
      restPort: 0,
      thriftPort: 0,
      thriftHttpPort: null,
      thriftGraceMs: 0,
      dataFile: 'sales.db',
      statementTimeoutMs: 500,
      maxStatements: 4,
      maxStatementsPerUser: 2,
      batchCommand: '/opt/run.sh',
      batchTypes: ['SPARK', 'FLINK'],
      logDir: '/var/log/gw',
      admins: ['ops', 'root'],
      auth: { kind: 'basic', usersFile: '/etc/gw/users' },
      maxRunningBatches: 5,
      queuePollMs: 250,
      lease: { durationMs: 9000, renewIntervalMs: 2000 },
      logLevel: 'debug',
      logFormat: 'json',
      metricsPort: 9464,
    })
  })

  it('renews a --lease-ms lease every third of it (at most 10 s) unless told, and has none with --no-lease', () => {
    expect(parseGatewayFlags(['--lease-ms', '6000'], {}).lease).toEqual({
      durationMs: 6000,
      renewIntervalMs: 2000,
    })
    expect(parseGatewayFlags(['--lease-ms', '120000'], {}).lease).toEqual({
      durationMs: 120_000,
      renewIntervalMs: 10_000,
    })
    expect(parseGatewayFlags(['--lease-renew-ms', '14999'], {}).lease).toEqual({
      durationMs: 30_000,
      renewIntervalMs: 14_999,
    })
    expect(parseGatewayFlags(['--no-lease', '--max-running-batches', '2'], {})).toMatchObject({
      lease: false,
      maxRunningBatches: 2,
    })
  })

  it('takes the users file from BATCHGATE_AUTH_FILE', () => {
    expect(parseGatewayFlags(['--auth', 'basic'], { BATCHGATE_AUTH_FILE: '/run/users' }).auth).toEqual({
      kind: 'basic',
      usersFile: '/run/users',
    })
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /positional argument/],
    [['--rest-port', 'http'], /--rest-port must be an integer from 0 to 65535, got "http"/],
    [['--rest-port', '70000'], /--rest-port must be an integer/],
    [['--thrift-port', 'none'], /--thrift-port must be a port from 0 to 65535 or off, got "none"/],
    [['--thrift-http-port', '65536'], /--thrift-http-port must be a port from 0 to 65535 or off/],
    [['--thrift-port=-1'], /--thrift-port must be a port/],
    [['--thrift-grace-ms', 'soon'], /--thrift-grace-ms must be an integer from 0/],
    [
      ['--thrift-port', '10099'],
      /--rest-port and --thrift-port are both 10099: each front needs a port of its own/,
    ],
    [['--thrift-http-port', '10009'], /--thrift-port and --thrift-http-port are both 10009/],
    [['--statement-timeout-ms', '0'], /--statement-timeout-ms must be an integer from 1/],
    [['--auth', 'ldap'], /--auth must be none or basic, got "ldap"/],
    [['--auth', 'basic'], /--auth basic needs the users file/],
    [
      ['--host', '0.0.0.0'],
      /--host 0.0.0.0 is not one of 127.0.0.1, localhost, ::1, \[::1\], so it may be reachable from other machines: choose --auth basic/,
    ],
    [['--host', '10.1.2.3'], /choose --auth basic .* or --auth none explicitly/],
    [['--store', ''], /--store must not be empty/],
    [['--max-running-batches', '0'], /--max-running-batches must be an integer from 1 to 1000000, got "0"/],
    [['--max-running-batches', 'all'], /--max-running-batches must be an integer from 1/],
    [['--queue-poll-ms', '0'], /--queue-poll-ms must be an integer from 1/],
    [['--lease-ms', '50'], /--lease-ms must be an integer from 100 to 2147483647, got "50"/],
    [['--lease-ms', '30s'], /--lease-ms must be an integer/],
    [['--lease-renew-ms', '0'], /--lease-renew-ms must be an integer from 1/],
    [
      ['--lease-ms', '10000', '--lease-renew-ms', '5000'],
      /--lease-renew-ms must be less than half of --lease-ms \(10000\), so that one failed renewal does not lose the lease; got 5000/,
    ],
    [['--lease-renew-ms', '15000'], /less than half of --lease-ms \(30000\)/],
    [['--no-lease', '--lease-ms', '9000'], /--no-lease and --lease-ms contradict each other/],
    [['--no-lease', '--lease-renew-ms', '900'], /--no-lease and --lease-renew-ms contradict each other/],
    [['--no-lease=yes'], /--no-lease/],
    [['--log-level', 'verbose'], /--log-level must be one of fatal, error, warn, info, debug, trace, silent/],
    [['--log-format', 'text'], /--log-format must be one of json, pretty, got "text"/],
    [['--metrics-port', 'none'], /--metrics-port must be a port from 0 to 65535 or off, got "none"/],
    [['--metrics-port', '10009'], /--thrift-port and --metrics-port are both 10009/],
  ])('refuses %j', (args, message) => {
    let thrown: unknown
    try {
      parseGatewayFlags(args, {})
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(UsageError)
    expect((thrown as Error).message).toMatch(message)
  })

  it('turns a Thrift front off with off, and lets several fronts pick free ports with 0', () => {
    expect(parseGatewayFlags(['--thrift-port', 'off', '--thrift-http-port', 'off'], {})).toMatchObject({
      thriftPort: null,
      thriftHttpPort: null,
    })
    expect(
      parseGatewayFlags(['--rest-port', '0', '--thrift-port', '0', '--thrift-http-port', '0'], {}),
    ).toMatchObject({ restPort: 0, thriftPort: 0, thriftHttpPort: 0 })
  })

  it('serves metrics on the REST port by default, on a port of its own with --metrics-port, none with off', () => {
    expect(parseGatewayFlags([], {}).metricsPort).toBeUndefined()
    expect(parseGatewayFlags(['--metrics-port', '0'], {}).metricsPort).toBe(0)
    expect(parseGatewayFlags(['--metrics-port', 'off'], {}).metricsPort).toBeNull()
  })

  it('accepts --auth none on any host when it is chosen explicitly, and NONE by default on loopback', () => {
    expect(parseGatewayFlags(['--host', '0.0.0.0', '--auth', 'none'], {}).auth).toEqual({ kind: 'none' })
    for (const host of ['localhost', '::1'])
      expect(parseGatewayFlags(['--host', host], {}).auth).toEqual({ kind: 'none' })
  })
})
