import { describe, expect, it } from 'vitest'
import { requestTarget } from '../../src/http/request-target.js'

/** What the handler read before the fast path: WHATWG `URL`, its query through `URLSearchParams`. */
function throughUrl(target: string): { pathname: string; query: string } {
  const url = new URL(target, 'http://batchgate.invalid')
  return { pathname: url.pathname, query: new URLSearchParams(url.search).toString() }
}

describe('requestTarget', () => {
  it('reads every target as URL does: the same path, and a query that URLSearchParams reads the same', () => {
    const targets = [
      '/',
      '/api/v1/batches',
      '/api/v1/batches?',
      '/api/v1/batches/?size=2&from=0',
      '/api/v1/operations/x/rowset?maxrows=1000&fetchorientation=FETCH_NEXT',
      "/a:b@c!$&'()*+,;=~_-",
      '/a?x=<>`{}|^&y=\'q\'&z="w"',
      '/a?b=c/d?e&f=%20+g',
      // Through URL: dot segments, escapes, backslashes, a second leading slash, fragments, spaces.
      '/api/v1/../v1/batches',
      '/api/v1/./batches',
      '/api/v1/batches/..%2F..%2Fetc',
      '/api/v1/%62atches',
      '/api\\v1\\batches',
      '//api/v1/batches',
      '/api/v1/batches#top',
      '/api/v1/batches?size=2#top',
      '/api/v1/bat ches',
      '/api/v1/batches/é',
      '/api/v1/batches?name=é',
    ]
    for (const target of targets) {
      const read = requestTarget(target)
      expect(read, target).toBeDefined()
      const expected = throughUrl(target)
      expect(
        { pathname: read?.pathname, query: new URLSearchParams(read?.search).toString() },
        target,
      ).toEqual(expected)
    }
  })

  it('keeps the search URL gives a plain target, and reads an absent target as /', () => {
    expect(requestTarget('/api/v1/batches?size=2')).toEqual({
      pathname: '/api/v1/batches',
      search: '?size=2',
    })
    expect(requestTarget('/api/v1/batches?')).toEqual({ pathname: '/api/v1/batches', search: '' })
    expect(requestTarget(undefined)).toEqual({ pathname: '/', search: '' })
  })

  it('is undefined for a target URL cannot read', () => {
    expect(requestTarget('http://[bad')).toBeUndefined()
  })
})
