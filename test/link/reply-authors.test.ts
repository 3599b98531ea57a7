/** Reply authors: only a sign-off by an assigned agency counts, on real reply endings. */
import { describe, expect, it } from 'vitest'
import { findSigningAgency } from '../../src/link/reply-authors.ts'

const assigned = new Map([
  ['tainan', ['臺南市政府']],
  ['moj', ['法務部']],
  ['moea', ['經濟部']],
])

describe('findSigningAgency', () => {
  it.each([
    ['謝謝您的建議。臺南市政府敬覆', 'tainan'],
    ['感謝您的意見。\n台南市政府 敬復', 'tainan'],
    ['尚祈見諒。\n法務部 敬復', 'moj'],
  ])('reads the sign-off of %j', (answer, agency) => {
    expect(findSigningAgency(answer, assigned)?.agency).toBe(agency)
  })

  it('does not take an agency the reply only names (請洽經濟部) for its author', () => {
    expect(findSigningAgency('本案事涉經濟部水利署權管，請洽該署。', assigned)).toBeUndefined()
  })

  it('leaves a reply signed by an agency the request was not assigned to unsigned', () => {
    expect(findSigningAgency('謝謝。\n交通部 敬復', assigned)).toBeUndefined()
  })

  it('leaves a reply signed by two assigned agencies unsigned', () => {
    expect(findSigningAgency('法務部敬復\n經濟部敬復', assigned)).toBeUndefined()
  })
})
