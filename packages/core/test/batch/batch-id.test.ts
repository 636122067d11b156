import { describe, expect, it } from 'vitest'
import { canonicalBatchId } from '@batchgate/core'

describe('canonicalBatchId', () => {
  it('keeps a lower-case UUID and folds upper or mixed case to lower case', () => {
    const id = '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'
    expect(canonicalBatchId(id)).toBe(id)
    expect(canonicalBatchId(id.toUpperCase())).toBe(id)
    expect(canonicalBatchId('6C7e3A4e-1f0B-4c52-9A57-2f1d3c4b5a69')).toBe(id)
  })

  it.each([
    ['abc'],
    [''],
    ['6c7e3a4e1f0b4c529a572f1d3c4b5a69'],
    ['{6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69}'],
    ['6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69\n'],
    ['6c7e3a4e-1f0b-0c52-9a57-2f1d3c4b5a69'],
  ])('rejects %j with INVALID_BATCH_ID naming key and value', (value) => {
    expect(() => canonicalBatchId(value)).toThrow(
      expect.objectContaining({
        code: 'INVALID_BATCH_ID',
        message: expect.stringContaining(`kyuubi.batch.id=${value}`),
      }),
    )
  })

  it('rejects non-strings and keeps a huge value out of the message', () => {
    expect(() => canonicalBatchId(42)).toThrow(
      expect.objectContaining({ message: expect.stringContaining('kyuubi.batch.id=42') }),
    )
    expect(() => canonicalBatchId(undefined)).toThrow(expect.objectContaining({ code: 'INVALID_BATCH_ID' }))
    let message = ''
    try {
      canonicalBatchId('x'.repeat(10_000))
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('kyuubi.batch.id=xxx')
    expect(message.length).toBeLessThan(200)
  })
})
