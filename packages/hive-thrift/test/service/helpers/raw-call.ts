/**
 * A strict TBinaryProtocol CALL of `method` whose args struct holds one empty struct in field 1 (what a
 * generated client sends for a request without set fields), written byte by byte.
 */
export function rawCall(method: string, seqid: number): Buffer {
  const name = Buffer.from(method, 'utf8')
  const header = Buffer.alloc(8)
  header.writeUInt32BE(0x80010001, 0) // version 1, message type CALL
  header.writeInt32BE(name.length, 4)
  const tail = Buffer.alloc(4)
  tail.writeInt32BE(seqid, 0)
  // field 1: STRUCT (type 12, id 1) { STOP }, then the args struct's STOP.
  const args = Buffer.from([12, 0, 1, 0, 0])
  return Buffer.concat([header, name, tail, args])
}
