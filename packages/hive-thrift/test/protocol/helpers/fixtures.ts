import {
  TFetchOrientation,
  TGetInfoType,
  TJobExecutionStatus,
  TOperationState,
  TOperationType,
  TProtocolVersion,
  TStatusCode,
  TTypeId,
  type ServedMethod,
  type ServedMethods,
  type TOperationHandle,
  type TRowSet,
  type TSessionHandle,
  type TStatus,
} from '../../../src/protocol/index.js'

// One request and one response per served method, in the decoded form (i64 as bigint), with every
// field that has an IDL default set explicitly (generated code fills defaults in; ours does not).

const sessionHandle: TSessionHandle = {
  sessionId: { guid: Buffer.from('00112233445566778899aabbccddeeff', 'hex'), secret: Buffer.alloc(16, 0x5a) },
}

const operationHandle: TOperationHandle = {
  operationId: { guid: Buffer.alloc(16, 0x01), secret: Buffer.alloc(16, 0xfe) },
  operationType: TOperationType.EXECUTE_STATEMENT,
  hasResultSet: true,
}

const success: TStatus = { statusCode: TStatusCode.SUCCESS_STATUS }

const failure: TStatus = {
  statusCode: TStatusCode.ERROR_STATUS,
  infoMessages: ['*org.apache.hive.service.cli.HiveSQLException:no such table:0:0', 'at line 1'],
  sqlState: '42S02',
  errorCode: 10001,
  errorMessage: 'Table not found: nowhere ✗',
}

const operationStarted = { status: success, operationHandle }

/** A columnar page (protocol V6+): one column of each type, NULLs marked in the bitmaps. */
export const COLUMNAR_ROW_SET: TRowSet = {
  startRowOffset: 1_000_000_000_000n,
  rows: [],
  columns: [
    { boolVal: { values: [true, false, false], nulls: Buffer.from([0b010]) } },
    { byteVal: { values: [-128, 0, 127], nulls: Buffer.from([0]) } },
    { i16Val: { values: [-32768, 7, 32767], nulls: Buffer.alloc(0) } },
    { i32Val: { values: [-2147483648, 0, 2147483647], nulls: Buffer.from([0b100]) } },
    { i64Val: { values: [-(2n ** 63n), 0n, 2n ** 63n - 1n], nulls: Buffer.from([0b001]) } },
    { doubleVal: { values: [Math.PI, -0.5, 1e300], nulls: Buffer.from([0]) } },
    { stringVal: { values: ['a', '', '日本語 ✓'], nulls: Buffer.from([0b010]) } },
    {
      binaryVal: {
        values: [Buffer.from([0, 1, 2]), Buffer.alloc(0), Buffer.from('xyz')],
        nulls: Buffer.from([0]),
      },
    },
  ],
  columnCount: 8,
}

/** A row-based page (protocol V1..V5): one value of each type per row, an unset value is NULL. */
export const ROW_BASED_ROW_SET: TRowSet = {
  startRowOffset: 0n,
  rows: [
    {
      colVals: [
        { boolVal: { value: true } },
        { byteVal: { value: -1 } },
        { i16Val: { value: 300 } },
        { i32Val: { value: 70000 } },
        { i64Val: { value: 9007199254740993n } },
        { doubleVal: { value: 2.5 } },
        { stringVal: { value: 'row 1' } },
      ],
    },
    {
      colVals: [
        { boolVal: {} },
        { byteVal: {} },
        { i16Val: {} },
        { i32Val: {} },
        { i64Val: {} },
        { doubleVal: {} },
        { stringVal: {} },
      ],
    },
  ],
}

type Exchange<M extends ServedMethod> = ServedMethods[M]

/** Per served method: a request and the responses to check (the first for the simple checks). */
export const EXCHANGES: {
  [M in ServedMethod]: { request: Exchange<M>['request']; responses: Exchange<M>['response'][] }
} = {
  OpenSession: {
    request: {
      client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
      username: 'alice',
      password: 's3cret',
      configuration: {
        'use:database': 'default',
        'set:hiveconf:hive.server2.thrift.resultset.default.fetch.size': '1000',
      },
    },
    responses: [
      {
        status: success,
        serverProtocolVersion: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
        sessionHandle,
        configuration: { 'hive.server2.thrift.resultset.default.fetch.size': '1000' },
      },
      { status: failure, serverProtocolVersion: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 },
    ],
  },
  CloseSession: { request: { sessionHandle }, responses: [{ status: success }] },
  GetInfo: {
    request: { sessionHandle, infoType: TGetInfoType.CLI_DBMS_VER },
    responses: [
      { status: success, infoValue: { stringValue: '0.1.0' } },
      { status: success, infoValue: { lenValue: 123456789012n } },
      { status: success, infoValue: { smallIntValue: -2 } },
    ],
  },
  ExecuteStatement: {
    request: {
      sessionHandle,
      statement: "SELECT 'é', 1 FROM t",
      confOverlay: { 'hive.query.name': 'q' },
      runAsync: true,
      queryTimeout: 30n,
    },
    responses: [operationStarted, { status: failure }],
  },
  GetTypeInfo: { request: { sessionHandle }, responses: [operationStarted] },
  GetCatalogs: { request: { sessionHandle }, responses: [operationStarted] },
  GetSchemas: {
    request: { sessionHandle, catalogName: '', schemaName: 'def%' },
    responses: [operationStarted],
  },
  GetTables: {
    request: {
      sessionHandle,
      catalogName: 'spark',
      schemaName: 'default',
      tableName: 't\\_%',
      tableTypes: ['TABLE', 'VIEW'],
    },
    responses: [operationStarted],
  },
  GetTableTypes: { request: { sessionHandle }, responses: [operationStarted] },
  GetColumns: {
    request: { sessionHandle, schemaName: 'default', tableName: 't', columnName: '%' },
    responses: [operationStarted],
  },
  GetFunctions: {
    request: { sessionHandle, schemaName: '%', functionName: 'upper' },
    responses: [
      {
        status: success,
        operationHandle: { ...operationHandle, operationType: TOperationType.GET_FUNCTIONS },
      },
    ],
  },
  GetOperationStatus: {
    request: { operationHandle, getProgressUpdate: true },
    responses: [
      {
        status: success,
        operationState: TOperationState.FINISHED_STATE,
        taskStatus: '[]',
        operationStarted: 1_733_100_000_000n,
        operationCompleted: 1_733_100_000_250n,
        hasResultSet: true,
        progressUpdateResponse: {
          headerNames: ['STAGE', 'STATUS'],
          rows: [['Stage-1', 'SUCCEEDED'], []],
          progressedPercentage: 1,
          status: TJobExecutionStatus.COMPLETE,
          footerSummary: 'done',
          startTime: 1_733_100_000_000n,
        },
        numModifiedRows: 3n,
      },
      {
        status: success,
        operationState: TOperationState.ERROR_STATE,
        sqlState: '42000',
        errorCode: 40000,
        errorMessage: 'syntax error',
      },
    ],
  },
  CancelOperation: { request: { operationHandle }, responses: [{ status: success }] },
  CloseOperation: { request: { operationHandle }, responses: [{ status: failure }] },
  GetResultSetMetadata: {
    request: { operationHandle },
    responses: [
      {
        status: success,
        schema: {
          columns: [
            {
              columnName: 'id',
              typeDesc: { types: [{ primitiveEntry: { type: TTypeId.BIGINT_TYPE } }] },
              position: 1,
              comment: 'the key',
            },
            {
              columnName: 'name',
              typeDesc: {
                types: [
                  {
                    primitiveEntry: {
                      type: TTypeId.VARCHAR_TYPE,
                      typeQualifiers: { qualifiers: { characterMaximumLength: { i32Value: 64 } } },
                    },
                  },
                ],
              },
              position: 2,
            },
            {
              columnName: 'tags',
              typeDesc: {
                types: [
                  { mapEntry: { keyTypePtr: 1, valueTypePtr: 2 } },
                  { primitiveEntry: { type: TTypeId.STRING_TYPE } },
                  { arrayEntry: { objectTypePtr: 3 } },
                  { structEntry: { nameToTypePtr: { a: 4, b: 5 } } },
                  { unionEntry: { nameToTypePtr: { x: 1 } } },
                  { userDefinedTypeEntry: { typeClassName: 'org.example.T' } },
                ],
              },
              position: 3,
            },
          ],
        },
      },
    ],
  },
  FetchResults: {
    request: { operationHandle, orientation: TFetchOrientation.FETCH_PRIOR, maxRows: 1000n, fetchType: 0 },
    responses: [
      { status: success, hasMoreRows: true, results: COLUMNAR_ROW_SET },
      { status: success, hasMoreRows: false, results: ROW_BASED_ROW_SET },
      {
        status: { statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY106', errorMessage: 'bad orientation' },
      },
    ],
  },
}

export const SERVED_METHODS = Object.keys(EXCHANGES) as ServedMethod[]
