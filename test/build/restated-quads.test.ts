import { DataFactory, type Quad } from 'n3'
import { describe, expect, it } from 'vitest'
import { dropRestatedQuads, trackGraphWriters } from '../../src/build/restated-quads.ts'
import { createInProcessStore } from '../../src/store/in-process.ts'
import { nquadsChunks } from '../../src/serialize/nquads-writer.ts'

const { quad, namedNode, literal } = DataFactory
const g = (name: string) => namedNode(`http://kg.example.tw/graph/${name}`)
const concept = namedNode('http://publications.europa.eu/resource/authority/data-theme/HEAL')
const type = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')
const label = namedNode('http://www.w3.org/2004/02/skos/core#prefLabel')
const skosConcept = namedNode('http://www.w3.org/2004/02/skos/core#Concept')

describe('restated quads', () => {
  it('a_graph_two_steps_write_is_shared_and_one_step_graphs_are_not', () => {
    const writers = trackGraphWriters()
    writers.note('mappings', [quad(concept, type, skosConcept, g('vocab'))])
    writers.note('eu', [quad(concept, type, skosConcept, g('vocab')), quad(concept, label, literal('Health', 'en'), g('eu-only'))])
    writers.note('eu', [quad(concept, label, literal('Health', 'en'), g('eu-only'))])
    expect([...writers.shared()]).toEqual([g('vocab').value])
  })

  it('drops_the_second_statement_in_a_shared_graph_keeping_order_and_other_graphs', () => {
    const quads: Quad[] = [
      quad(concept, type, skosConcept, g('vocab')),
      quad(concept, label, literal('Health', 'en'), g('vocab')),
      quad(concept, type, skosConcept, g('vocab')),
      quad(concept, type, skosConcept, g('other')),
      quad(concept, label, literal('Health', 'en'), g('vocab')),
      quad(concept, label, literal('Health', 'de'), g('vocab')),
    ]
    expect(dropRestatedQuads(quads, new Set([g('vocab').value]))).toBe(2)
    expect(quads.map((q) => `${q.object.value}|${q.graph.value.split('/').pop()}`)).toEqual([
      `${skosConcept.value}|vocab`, 'Health|vocab', `${skosConcept.value}|other`, 'Health|vocab',
    ])
  })

  it('after_dropping_the_count_is_what_the_store_holds', async () => {
    const quads: Quad[] = [
      quad(concept, type, skosConcept, g('vocab')),
      quad(concept, type, skosConcept, g('vocab')),
      quad(concept, label, literal('Health', 'en'), g('vocab')),
    ]
    dropRestatedQuads(quads, new Set([g('vocab').value]))
    const store = createInProcessStore({ nquads: [...nquadsChunks(quads)].join('') })
    expect(await store.size()).toBe(quads.length)
    await store.close()
  })
})
