"""A second, independent HiveServer2 client for the gateway's tests: Debian's python3-thrift with code
that thrift-compiler generated from hive-driver's TCLIService.thrift (the test puts it on PYTHONPATH).

It reads a JSON plan on stdin (so that no password is on the command line or in the environment):
  {"transport": "sasl" | "nosasl" | "http", "host": ..., "port": ..., "path": "/cliservice",
   "user": ..., "password": ..., "statement": ..., "fetches": [["FETCH_NEXT", 5], ...]}
runs OpenSession, GetInfo, ExecuteStatement, GetResultSetMetadata, the fetches in order, GetTables,
CloseOperation and CloseSession, and prints one JSON object of what the server answered. A refused
connection prints {"connectError": ...} and exits 3; a call that fails on the transport prints
{"callError": ..., "httpStatus": ...} (HTTP's status, as THttpClient does not raise on one) and exits 4.
"""
import base64
import json
import sys

from thrift.protocol import TBinaryProtocol
from thrift.transport import THttpClient, TSocket, TTransport

from TCLIService import TCLIService
from TCLIService.ttypes import (
    TCloseOperationReq,
    TCloseSessionReq,
    TExecuteStatementReq,
    TFetchOrientation,
    TFetchResultsReq,
    TGetInfoReq,
    TGetInfoType,
    TGetResultSetMetadataReq,
    TGetTablesReq,
    TOpenSessionReq,
    TProtocolVersion,
)


def open_transport(plan):
    if plan["transport"] == "http":
        url = "http://%s:%d%s" % (plan["host"], plan["port"], plan.get("path", "/cliservice"))
        transport = THttpClient.THttpClient(url)
        token = base64.b64encode(("%s:%s" % (plan["user"], plan["password"])).encode()).decode()
        transport.setCustomHeaders({"Authorization": "Basic " + token})
        return transport
    socket = TSocket.TSocket(plan["host"], plan["port"])
    socket.setTimeout(20000)
    if plan["transport"] == "nosasl":
        return TTransport.TBufferedTransport(socket)
    # HiveServer2's PLAIN: puresasl's PLAIN mechanism, then 4-byte framed messages.
    return TTransport.TSaslClientTransport(
        socket,
        plan["host"],
        "hive",
        mechanism="PLAIN",
        username=plan["user"],
        password=plan["password"],
    )


def status_of(status):
    return {
        "statusCode": status.statusCode,
        "sqlState": status.sqlState,
        "errorMessage": status.errorMessage,
    }


def rows_of(row_set):
    """The block's rows as lists of Python values, from the columnar or the row-based layout."""
    if row_set is None:
        return []
    if row_set.columns:
        columns = []
        for column in row_set.columns:
            typed = next(
                value
                for value in (
                    column.boolVal,
                    column.byteVal,
                    column.i16Val,
                    column.i32Val,
                    column.i64Val,
                    column.doubleVal,
                    column.stringVal,
                    column.binaryVal,
                )
                if value is not None
            )
            nulls = typed.nulls or b""
            values = []
            for index, value in enumerate(typed.values):
                is_null = index // 8 < len(nulls) and (nulls[index // 8] >> (index % 8)) & 1
                if is_null:
                    values.append(None)
                elif isinstance(value, bytes):
                    values.append(base64.b64encode(value).decode())
                else:
                    values.append(value)
            columns.append(values)
        return [list(row) for row in zip(*columns)]
    rows = []
    for row in row_set.rows or []:
        cells = []
        for cell in row.colVals:
            value = next(
                (
                    v.value
                    for v in (
                        cell.boolVal,
                        cell.byteVal,
                        cell.i16Val,
                        cell.i32Val,
                        cell.i64Val,
                        cell.doubleVal,
                        cell.stringVal,
                    )
                    if v is not None
                ),
                None,
            )
            cells.append(value)
        rows.append(cells)
    return rows


def main():
    plan = json.load(sys.stdin)
    transport = open_transport(plan)
    try:
        transport.open()
    except Exception as error:  # the server refused the connection or the SASL exchange
        print(json.dumps({"connectError": str(error)}))
        sys.exit(3)
    client = TCLIService.Client(TBinaryProtocol.TBinaryProtocol(transport))
    try:
        out = run(plan, client)
    except Exception as error:  # a transport failure: the connection closed, an HTTP error status
        print(json.dumps({"callError": repr(error), "httpStatus": getattr(transport, "code", None)}))
        sys.exit(4)
    transport.close()
    print(json.dumps(out))


def run(plan, client):
    out = {}
    opened = client.OpenSession(
        TOpenSessionReq(
            client_protocol=TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
            # Without SASL or HTTP credentials the server takes the user from here.
            username=plan["user"],
        )
    )
    out["openSession"] = {
        "status": status_of(opened.status),
        "serverProtocolVersion": opened.serverProtocolVersion,
    }
    session = opened.sessionHandle
    info = client.GetInfo(TGetInfoReq(sessionHandle=session, infoType=TGetInfoType.CLI_DBMS_NAME))
    out["dbmsName"] = info.infoValue.stringValue if info.infoValue else None
    executed = client.ExecuteStatement(
        TExecuteStatementReq(sessionHandle=session, statement=plan["statement"], runAsync=False)
    )
    out["execute"] = {"status": status_of(executed.status)}
    operation = executed.operationHandle
    metadata = client.GetResultSetMetadata(TGetResultSetMetadataReq(operationHandle=operation))
    out["columns"] = [column.columnName for column in metadata.schema.columns]
    out["fetches"] = []
    for orientation, max_rows in plan["fetches"]:
        fetched = client.FetchResults(
            TFetchResultsReq(
                operationHandle=operation,
                orientation=getattr(TFetchOrientation, orientation),
                maxRows=max_rows,
            )
        )
        out["fetches"].append(
            {
                "orientation": orientation,
                "maxRows": max_rows,
                "status": status_of(fetched.status),
                "hasMoreRows": fetched.hasMoreRows,
                "startRowOffset": fetched.results.startRowOffset if fetched.results else None,
                "rows": rows_of(fetched.results),
            }
        )
    client.CloseOperation(TCloseOperationReq(operationHandle=operation))
    tables = client.GetTables(TGetTablesReq(sessionHandle=session, tableName="%"))
    out["tables"] = {"status": status_of(tables.status), "rows": []}
    if tables.operationHandle is not None:
        fetched = client.FetchResults(
            TFetchResultsReq(
                operationHandle=tables.operationHandle,
                orientation=TFetchOrientation.FETCH_NEXT,
                maxRows=1000,
            )
        )
        out["tables"]["rows"] = rows_of(fetched.results)
        client.CloseOperation(TCloseOperationReq(operationHandle=tables.operationHandle))
    closed = client.CloseSession(TCloseSessionReq(sessionHandle=session))
    out["closeSession"] = status_of(closed.status)
    return out


main()
