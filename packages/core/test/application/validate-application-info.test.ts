import { describe, expect, it } from 'vitest'
import { APPLICATION_INFO_LIMITS } from '@batchgate/core'
import { validateApplicationInfo } from '../../src/application/validate-application-info.js'

describe('validateApplicationInfo', () => {
  it('keeps the given fields, drops undefined and null ones, and accepts values at the bounds', () => {
    const atBounds = {
      appId: 'i'.repeat(APPLICATION_INFO_LIMITS.appId),
      appUrl: 'u'.repeat(APPLICATION_INFO_LIMITS.appUrl),
      appState: 's'.repeat(APPLICATION_INFO_LIMITS.appState),
      appDiagnostic: 'd'.repeat(APPLICATION_INFO_LIMITS.appDiagnostic),
      appStartTime: Number.MAX_SAFE_INTEGER,
    }
    expect(validateApplicationInfo(atBounds)).toEqual(atBounds)
    expect(
      validateApplicationInfo({ appId: 'x', appUrl: undefined, appState: null, appStartTime: 0 }),
    ).toEqual({
      appId: 'x',
      appStartTime: 0,
    })
    expect(validateApplicationInfo({})).toEqual({})
  })

  it('cuts a long diagnostic with … (never inside a surrogate pair) and replaces lone surrogates', () => {
    const long = `${'d'.repeat(APPLICATION_INFO_LIMITS.appDiagnostic - 1)}😀tail`
    expect(validateApplicationInfo({ appDiagnostic: long }).appDiagnostic).toBe(
      `${'d'.repeat(APPLICATION_INFO_LIMITS.appDiagnostic - 1)}…`,
    )
    expect(validateApplicationInfo({ appDiagnostic: 'a\ud800b\u0000' }).appDiagnostic).toBe('a\ufffdb\u0000')
  })

  it.each<[unknown, RegExp]>([
    [{ appId: 'x'.repeat(257) }, /appId is 257 characters long, more than the limit of 256/],
    [{ appUrl: 'x'.repeat(2049) }, /appUrl .* limit of 2048/],
    [{ appState: 'x'.repeat(257) }, /appState .* limit of 256/],
    [{ appId: '' }, /appId must be a non-empty string/],
    [{ appId: 42 }, /appId must be a non-empty string, got 42/],
    [{ appState: 'RUN\nNING' }, /appState holds a control character/],
    [{ appUrl: 'http://x/\ud800' }, /appUrl holds a lone UTF-16 surrogate/],
    [{ appDiagnostic: 1 }, /appDiagnostic must be a string/],
    [{ appStartTime: -1 }, /appStartTime must be a non-negative integer/],
    [{ appStartTime: 2 ** 53 }, /appStartTime must be a non-negative integer/],
    [{ appStartTime: '1' }, /appStartTime must be a non-negative integer/],
    [{ appId: 'x', appid: 'y' }, /unknown field "appid"/],
    [[], /must be a plain object/],
    [undefined, /must be a plain object/],
  ])('refuses %j with INVALID_REQUEST', (info, message) => {
    expect(() => validateApplicationInfo(info)).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST', message: expect.stringMatching(message) }),
    )
  })

  it('refuses an object whose getter throws, with INVALID_REQUEST and the thrown error as cause', () => {
    const info = {
      get appId(): string {
        throw new Error('boom')
      },
    }
    expect(() => validateApplicationInfo(info)).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }))
  })
})
