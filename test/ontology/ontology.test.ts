/** ontology/ogd.ttl declares exactly the terms src/vocab lists, each with zh and en labels and comments. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Parser, type Quad } from 'n3'
import { OGD_TERMS, RDFS, RDF } from '../../src/vocab/index.ts'
import { REPO_ROOT } from '../../src/cli/paths.ts'

const BASE = 'http://localhost:8080'
const quads: Quad[] = new Parser({ baseIRI: `${BASE}/` }).parse(readFileSync(join(REPO_ROOT, 'ontology/ogd.ttl'), 'utf8'))
const ns = `${BASE}/ontology#`
const declared = new Set(quads.filter((q) => q.predicate.equals(RDF.type) && q.subject.value.startsWith(ns)).map((q) => q.subject.value.slice(ns.length)))
const literalsOf = (term: string, predicate: string) => quads.filter((q) => q.subject.value === ns + term && q.predicate.value === predicate).map((q) => q.object)

describe('ontology/ogd.ttl', () => {
  it('declares every term src/vocab lists, and nothing else', () => {
    expect([...declared].sort()).toEqual([...OGD_TERMS].sort())
  })
  it.each([...OGD_TERMS])('gives %s a label and a comment in zh and en', (term) => {
    for (const predicate of [RDFS.label.value, RDFS.comment.value]) {
      const languages = literalsOf(term, predicate).map((o) => (o.termType === 'Literal' ? o.language : ''))
      expect(languages).toEqual(expect.arrayContaining(['zh-hant', 'en']))
    }
  })
})
