import { describe, expect, it } from 'vitest'
import { digestAuthorization, parseDigestChallenge } from '../../src/store/digest-auth.ts'

// RFC 7616 §3.9.1: the worked example, MD5 and SHA-256.
const challenge = (algorithm: string) => parseDigestChallenge(`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`)!
const credentials = { user: 'Mufasa', password: 'Circle of Life' }
const CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ'

describe('digest authentication (RFC 7616)', () => {
  it('md5_response_matches_the_rfc_example', () => {
    expect(digestAuthorization(challenge('MD5'), credentials, 'GET', '/dir/index.html', 1, CNONCE)).toMatch(/response="8ca523f5e9506fed4657c9700eebdbec"/)
  })

  it('sha_256_response_matches_the_rfc_example', () => {
    const header = digestAuthorization(challenge('SHA-256'), credentials, 'GET', '/dir/index.html', 1, CNONCE)
    expect(header).toMatch(/response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"/)
    expect(header).toMatch(/qop=auth, nc=00000001, cnonce="f2\/wE4q74E6zIJEtWaHKaf5wv\/H5QzzpXusqGemxURZJ"/)
    expect(header).toMatch(/opaque="FQhe\/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"/)
  })

  it('virtuosos_challenge_parses', () => {
    const parsed = parseDigestChallenge('Digest realm="SPARQL", domain="/sparql-auth", nonce="1b7d3db0fb9b4b04b74568f4fc100bbc", opaque="5ebe2294ecd0e0f08eab7690d2a6ee69", stale="false", qop="auth", algorithm="MD5"')
    expect(parsed).toEqual({ realm: 'SPARQL', nonce: '1b7d3db0fb9b4b04b74568f4fc100bbc', opaque: '5ebe2294ecd0e0f08eab7690d2a6ee69', qop: 'auth', algorithm: 'MD5' })
  })

  it('basic_challenge_is_not_digest', () => {
    expect(parseDigestChallenge('Basic realm="x"')).toBeUndefined()
  })

  it('unknown_algorithm_is_refused_naming_it', () => {
    expect(() => digestAuthorization(challenge('SHA-1'), credentials, 'GET', '/', 1)).toThrow(/SHA-1/)
  })
})
