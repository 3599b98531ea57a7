import { join } from 'node:path'
import { Parser, Store } from 'n3'
import { describe, expect, it } from 'vitest'
import { analyzeReach } from '../../src/validate/reach.ts'
import { reachOf } from '../../src/validate/parallel.ts'

const PREFIXES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <urn:ex:> .\n`
const shapes = (ttl: string) => new Store(new Parser().parse(PREFIXES + ttl))

describe('the shapes data footprint', () => {
  it('a value check by class reads the type of nodes one hop away', () => {
    const reach = analyzeReach(shapes('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:class ex:D ] .'))
    expect(reach).toEqual({ supported: true, depth: 1, predicates: new Set(['http://www.w3.org/1999/02/22-rdf-syntax-ns#type']) })
  })

  it('a sequence path and a nested node shape reach further, through the predicates they name', () => {
    const reach = analyzeReach(shapes(`ex:S sh:targetClass ex:C ;
      sh:property [ sh:path ( ex:p ex:q ) ; sh:node ex:N ] .
      ex:N sh:property [ sh:path ex:r ; sh:minCount 1 ] .`))
    expect(reach).toMatchObject({ supported: true, depth: 3 })
    expect(reach.supported && reach.predicates).toEqual(new Set(['urn:ex:q', 'urn:ex:r']))
  })

  it('a shape that reaches itself has no fixed depth', () => {
    expect(analyzeReach(shapes('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:parent ; sh:node ex:S ] .'))).toMatchObject({ supported: true, depth: Infinity })
  })

  it('a closed shape past the focus node reads every predicate there', () => {
    expect(analyzeReach(shapes('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:N ] . ex:N sh:closed true .'))).toMatchObject({ predicates: 'all' })
  })

  it.each([
    ['an inverse path', 'ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .', 'inverse'],
    ['a SPARQL constraint', 'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] .', 'SPARQL'],
    ['a targetObjectsOf target', 'ex:S sh:targetObjectsOf ex:p ; sh:nodeKind sh:IRI .', 'targetObjectsOf'],
  ])('refuses %s (the caller validates the whole graph)', (_, ttl, reason) => {
    expect(analyzeReach(shapes(ttl))).toEqual({ supported: false, reason: expect.stringContaining(reason) })
  })

  it('bounds the build profiles (DCAT-AP 3.0.1 and ours) by a few predicates', () => {
    const reach = reachOf(join(import.meta.dirname, '../../shapes'))
    expect(reach.supported).toBe(true)
    if (!reach.supported) return
    expect(Number.isFinite(reach.depth)).toBe(true)
    expect(reach.predicates).toContain('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')
  })
})
