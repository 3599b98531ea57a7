/** The GraphStore contract: one suite, run against every backend (in-process, embedded, remote). */
import { readDump } from './read-dump.ts'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import oxigraph from 'oxigraph'
import rdfCanonize from 'rdf-canonize'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/errors.ts'
import { sparql } from '../../src/query/sparql-tag.ts'
import { applySnapshot } from '../../src/store/snapshot-apply.ts'
import { DEFAULT_GRAPH, type GraphStore } from '../../src/store/types.ts'
import { DCAT, DCT, FOAF, RDF } from '../../src/vocab/index.ts'

export const GRAPH_NQ = readFileSync(join(import.meta.dirname, '../fixtures/store/graph.nq'), 'utf8')
const BASE = 'http://kg.example.tw/'
const term = (path: string) => oxigraph.namedNode(BASE + path)
const RECORD_1 = BASE + 'record/1'
const RECORD_2 = BASE + 'record/2'
const AGENCY_RECORD = BASE + 'record/agency-A1'

export type MakeStore = (nquads: string) => GraphStore | Promise<GraphStore>

/** Quads of an RDF text as sorted N-Quads lines: equal sets ⇔ equal graphs (the fixture has no blank nodes). */
export function canonical(text: string, format: string): string[] {
  return oxigraph.parse(text, { format }).map((quad) => quad.toString()).sort()
}

async function bindings(store: GraphStore, query: string, extra: object = {}): Promise<Record<string, { value: string }>[]> {
  const result = await store.query({ query, mediaType: 'application/sparql-results+json', ...extra })
  return JSON.parse(result.body).results.bindings
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

const DATASETS = sparql`SELECT ?d WHERE { ?d a ${DCAT.Dataset} } ORDER BY ?d`

/**
 * RDFC-1.0 canonical N-Quads: equal strings ⇔ isomorphic datasets (blank nodes included). Parsed by Oxigraph first,
 * as the stores do, so that a language tag's case (which RDF does not distinguish) is written one way on both sides.
 */
const isomorphicForm = (nquads: string): Promise<string> =>
  rdfCanonize.canonize(oxigraph.parse(nquads, { format: 'application/n-quads' }).map((quad) => `${quad.toString()} .\n`).join(''), { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads' }) as Promise<string>

/**
 * A change of `count` record graphs of every kind of term (a tagged non-ASCII title, a typed literal, a blank node),
 * `version` in each graph's title and in one marker triple per graph: large enough to pass any single statement's
 * size limit a backend has (Virtuoso's generated-SQL limit is reached at about 1,000 constant triples).
 */
function manyGraphs(count: number, version: string, keepFirst = 0): { graphs: string[]; nquads: string } {
  const graphs: string[] = []
  let nquads = ''
  for (let i = 0; i < count; i += 1) {
    const graph = `<${BASE}record/many-${i}>`
    const dataset = `<${BASE}dataset/many-${i}>`
    const v = i < keepFirst ? 'kept' : version
    graphs.push(`${BASE}record/many-${i}`)
    nquads += `${dataset} <${RDF.type.value}> <${DCAT.Dataset.value}> ${graph} .\n`
      + `${dataset} <${DCT.title.value}> "水質監測 ${i} ${v}"@zh-tw ${graph} .\n`
      + `${dataset} <${DCT.title.value}> "Water quality ${i}"@en ${graph} .\n`
      + `${dataset} <${DCAT.byteSize.value}> "${1000 + i}"^^<http://www.w3.org/2001/XMLSchema#integer> ${graph} .\n`
      + `${dataset} <${DCT.temporal.value}> _:t${i}${v} ${graph} .\n`
      + `_:t${i}${v} <${DCAT.startDate.value}> "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ${graph} .\n`
      + `${dataset} <${BASE}marker> "${v}" ${graph} .\n`
  }
  return { graphs, nquads }
}

/** Register the contract tests for one backend; `makeStore` builds a fresh store per test from N-Quads. */
export function runGraphStoreContract(name: string, makeStore: MakeStore): void {
  describe(`GraphStore contract: ${name}`, () => {
    const open: GraphStore[] = []
    const storeOf = async (nquads = GRAPH_NQ) => {
      const store = await makeStore(nquads)
      open.push(store)
      return store
    }
    afterEach(async () => { await Promise.all(open.splice(0).map((store) => store.close())) })

    it('select_json_reads_the_union_of_the_named_graphs', async () => {
      const store = await storeOf()
      expect((await bindings(store, DATASETS)).map((b) => b.d!.value)).toEqual([BASE + 'dataset/1', BASE + 'dataset/2'])
    })

    it('select_in_each_results_format', async () => {
      const store = await storeOf()
      const query = sparql`SELECT ?id WHERE { ${term('dataset/2')} ${DCT.identifier} ?id }`
      const answer = (mediaType: string) => store.query({ query, mediaType })
      expect((await answer('application/sparql-results+xml')).body).toMatch(/<literal>002<\/literal>/)
      expect((await answer('text/csv')).body).toBe('id\r\n002\r\n')
      expect((await answer('text/tab-separated-values')).body).toBe('?id\n"002"\n')
      const json = await answer('application/sparql-results+json')
      expect(json).toMatchObject({ form: 'SELECT', mediaType: 'application/sparql-results+json' })
    })

    it('select_escapes_literals_with_quotes_and_newlines', async () => {
      const store = await storeOf()
      const [row] = await bindings(store, sparql`SELECT ?t WHERE { ${term('dataset/2')} ${DCT.title} ?t }`)
      expect(row!.t!.value).toBe('Water "quality"\nreadings')
    })

    it('ask_true_and_false_in_json_and_xml', async () => {
      const store = await storeOf()
      const yes = await store.query({ query: sparql`ASK { ?a a ${FOAF.Agent} }`, mediaType: 'application/sparql-results+json' })
      expect(yes.form).toBe('ASK')
      expect(JSON.parse(yes.body).boolean).toBe(false)
      const xml = await store.query({ query: sparql`ASK { ?d a ${DCAT.Dataset} }`, mediaType: 'application/sparql-results+xml' })
      expect(xml.body).toMatch(/<boolean>true<\/boolean>/)
    })

    it.each([
      ['text/turtle'],
      ['application/n-triples'],
      ['application/rdf+xml'],
    ])('construct_as_%s_is_the_expected_graph', async (mediaType) => {
      const store = await storeOf()
      const result = await store.query({ query: sparql`CONSTRUCT { ?d ${DCT.identifier} ?id } WHERE { ?d ${DCT.identifier} ?id }`, mediaType })
      expect(result).toMatchObject({ form: 'CONSTRUCT', mediaType })
      const expected = `<${BASE}dataset/1> <${DCT.identifier.value}> "001" .\n<${BASE}dataset/2> <${DCT.identifier.value}> "002" .\n`
      expect(canonical(result.body, mediaType)).toEqual(canonical(expected, 'application/n-triples'))
    })

    it('describe_returns_the_triples_of_the_resource', async () => {
      const store = await storeOf()
      const result = await store.query({ query: sparql`DESCRIBE ${term('agency/A1')}`, mediaType: 'application/n-triples' })
      expect(result.form).toBe('DESCRIBE')
      expect(canonical(result.body, 'application/n-triples')).toHaveLength(2)
    })

    it('select_as_turtle_and_construct_as_csv_are_not_acceptable', async () => {
      const store = await storeOf()
      expect((await rejection(store.query({ query: DATASETS, mediaType: 'text/turtle' }))).code).toBe('not_acceptable')
      const construct = sparql`CONSTRUCT WHERE { ?s ${RDF.type} ?o }`
      expect((await rejection(store.query({ query: construct, mediaType: 'text/csv' }))).code).toBe('not_acceptable')
    })

    it('graph_variable_ranges_over_the_named_graphs_only', async () => {
      const store = await storeOf()
      const rows = await bindings(store, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g')
      expect(rows.map((b) => b.g!.value)).toEqual([RECORD_1, RECORD_2, AGENCY_RECORD])
    })

    it('default_graph_uri_limits_the_default_graph', async () => {
      const store = await storeOf()
      const rows = await bindings(store, DATASETS, { defaultGraphUris: [RECORD_2] })
      expect(rows.map((b) => b.d!.value)).toEqual([BASE + 'dataset/2'])
    })

    it('named_graph_uri_limits_the_named_graphs', async () => {
      const store = await storeOf()
      const rows = await bindings(store, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }', { namedGraphUris: [AGENCY_RECORD] })
      expect(rows.map((b) => b.g!.value)).toEqual([AGENCY_RECORD])
    })

    it('from_clause_in_the_query_chooses_the_default_graph', async () => {
      const store = await storeOf()
      const rows = await bindings(store, sparql`SELECT ?d FROM ${oxigraph.namedNode(RECORD_1)} WHERE { ?d a ${DCAT.Dataset} }`)
      expect(rows.map((b) => b.d!.value)).toEqual([BASE + 'dataset/1'])
    })

    it('relative_iris_resolve_against_the_request_base', async () => {
      const store = await storeOf()
      const rows = await bindings(store, 'SELECT ?t WHERE { <dataset/1> a ?t }', { baseIri: BASE })
      expect(rows.map((b) => b.t!.value)).toEqual([DCAT.Dataset.value])
    })

    it('syntax_error_is_bad_query', async () => {
      const store = await storeOf()
      expect((await rejection(store.query({ query: 'SELECT * WHERE { ?s ?p }', mediaType: 'text/csv' }))).code).toBe('bad_query')
    })

    it('update_is_refused', async () => {
      const store = await storeOf()
      const error = await rejection(store.query({ query: 'DELETE WHERE { ?s ?p ?o }', mediaType: 'text/csv' }))
      expect(error.code).toBe('bad_request')
      expect(await store.size()).toBe(11)
    })

    it('size_counts_every_quad', async () => {
      expect(await (await storeOf()).size()).toBe(11)
    })

    it('dump_round_trips_through_a_new_store', async () => {
      const store = await storeOf()
      const dump = await readDump(store)
      const again = await storeOf(dump)
      expect(canonical(await readDump(again), 'application/n-quads')).toEqual(canonical(dump, 'application/n-quads'))
      expect(canonical(dump, 'application/n-quads')).toHaveLength(11)
    })

    it('dump_comes_in_chunks_of_whole_statements_and_round_trips_with_many_graphs', async () => {
      // More graphs than one chunk holds, a default-graph triple, a blank node shared by two graphs, and literals
      // whose text looks like a statement's end (" ." and an escaped newline).
      const lines = [`<${BASE}s> <${BASE}p> "in the default graph" .`]
      for (let n = 0; n < 1201; n++) lines.push(`<${BASE}dataset/${n}> <${DCT.title.value}> "title ${n} . end\\n . x" <${BASE}dataset/${n}> .`)
      lines.push(`<${BASE}a> <${BASE}p> _:shared <${BASE}g1> .`, `_:shared <${BASE}p> "o" <${BASE}g2> .`)
      const source = lines.join('\n') + '\n'
      const store = await storeOf(source)
      const chunks: string[] = []
      for await (const chunk of store.dumpNQuads()) chunks.push(chunk)
      expect(chunks.length).toBeGreaterThanOrEqual(3)
      for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true)
      const dump = chunks.join('')
      // One blank node: the same label wherever it occurs, whatever label the store chose.
      const labels = new Set(dump.match(/_:[A-Za-z0-9]+/g))
      expect(labels.size).toBe(1)
      const unlabelled = (text: string) => canonical(text, 'application/n-quads').map((line) => line.replace(/_:[A-Za-z0-9]+/g, '_:b'))
      expect(unlabelled(dump)).toEqual(unlabelled(source))
    })

    it('replace_graphs_swaps_the_listed_graphs_and_keeps_the_rest', async () => {
      const store = await storeOf()
      const replacement = `<${BASE}dataset/1> <${DCT.identifier.value}> "001-b" <${RECORD_1}> .\n`
      await store.replaceGraphs([RECORD_1, AGENCY_RECORD], replacement)
      const rows = await bindings(store, 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g')
      expect(rows.map((b) => [b.g!.value, b.n!.value])).toEqual([[RECORD_1, '1'], [RECORD_2, '4']])
      expect(await store.size()).toBe(6)
    })

    it('replace_graphs_with_bad_nquads_changes_nothing', async () => {
      const store = await storeOf()
      const before = canonical(await readDump(store), 'application/n-quads')
      const broken = `<${BASE}dataset/1> <${DCT.identifier.value}> "x" <${RECORD_1}> .\n<not an iri> <p> "y" <${RECORD_1}> .\n`
      expect((await rejection(store.replaceGraphs([RECORD_1], broken))).code).toBe('invalid_data')
      expect(canonical(await readDump(store), 'application/n-quads')).toEqual(before)
    })

    it('replace_graphs_refuses_quads_outside_the_listed_graphs', async () => {
      const store = await storeOf()
      const stray = `<${BASE}dataset/2> <${DCT.identifier.value}> "x" <${RECORD_2}> .\n`
      expect((await rejection(store.replaceGraphs([RECORD_1], stray))).code).toBe('invalid_data')
      expect(await store.size()).toBe(11)
    })

    it('replace_graphs_with_an_unsafe_graph_iri_is_bad_request', async () => {
      const store = await storeOf()
      expect((await rejection(store.replaceGraphs(['http://kg.example.tw/g> } ; DROP ALL ; <x'], ''))).code).toBe('bad_request')
      expect(await store.size()).toBe(11)
    })

    it('replace_graphs_replaces_typed_tagged_and_blank_node_quads_and_keeps_the_unchanged', async () => {
      const store = await storeOf()
      const graph = `<${BASE}record/2>`
      const first = [
        `<${BASE}dataset/2> <${DCT.title.value}> "水質監測"@zh-tw ${graph} .`,
        `<${BASE}dataset/2> <${DCT.title.value}> "Water"@en ${graph} .`,
        `<${BASE}dataset/2> <${DCAT.byteSize.value}> "2048"^^<http://www.w3.org/2001/XMLSchema#integer> ${graph} .`,
        `<${BASE}dataset/2> <${DCT.temporal.value}> _:t ${graph} .`,
        `_:t <${DCAT.startDate.value}> "2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ${graph} .`,
      ]
      await store.replaceGraphs([RECORD_2], first.join('\n') + '\n')
      // Keep the English title and the size, change the rest.
      const second = [first[1], first[2], `<${BASE}dataset/2> <${DCT.title.value}> "水質"@zh-tw ${graph} .`, `<${BASE}dataset/2> <${DCT.temporal.value}> _:u ${graph} .`, `_:u <${DCAT.startDate.value}> "2021-01-01"^^<http://www.w3.org/2001/XMLSchema#date> ${graph} .`]
      await store.replaceGraphs([RECORD_2], second.join('\n') + '\n')
      const dump = (await readDump(store)).split('\n').filter((line) => line.includes(`${BASE}record/2>`)).join('\n') + '\n'
      const plain = (text: string) => canonical(text, 'application/n-quads').map((line) => line.replace(/_:[A-Za-z0-9]+/g, '_:b'))
      expect(plain(dump)).toEqual(plain(second.join('\n') + '\n'))
    })

    it('replace_graphs_replaces_the_default_graph_by_its_sentinel_and_keeps_the_named_graphs', async () => {
      const store = await storeOf(GRAPH_NQ + `<${BASE}old> <${BASE}p> "old default" .\n`)
      const others = canonical(await store.readGraphs([RECORD_2, AGENCY_RECORD]), 'application/n-quads')
      expect(others).toHaveLength(6)
      // Default-graph triples and a named graph in one atomic change.
      const change = `<${BASE}s> <${BASE}p> "new default" .\n<${BASE}s> <${BASE}p> <${BASE}o> .\n<${BASE}dataset/1> <${DCT.identifier.value}> "001-c" <${RECORD_1}> .\n`
      await store.replaceGraphs([DEFAULT_GRAPH, RECORD_1], change)
      expect(canonical(await store.readGraphs([DEFAULT_GRAPH]), 'application/n-quads')).toEqual(canonical(`<${BASE}s> <${BASE}p> "new default" .\n<${BASE}s> <${BASE}p> <${BASE}o> .\n`, 'application/n-quads'))
      expect(canonical(await store.readGraphs([RECORD_2, AGENCY_RECORD]), 'application/n-quads')).toEqual(others)
      // Queries see the default graph in the union, never as a named graph; the dump has it as triples.
      expect((await bindings(store, sparql`SELECT ?o WHERE { ${term('s')} ${term('p')} ?o } `)).map((b) => b.o!.value).sort()).toEqual([BASE + 'o', 'new default'])
      expect(await bindings(store, sparql`SELECT ?g WHERE { GRAPH ?g { ${term('s')} ?p ?o } }`)).toEqual([])
      expect(canonical(await readDump(store), 'application/n-quads').filter((line) => line.includes('default'))).toEqual([`<${BASE}s> <${BASE}p> "new default"`])
      // Emptied: the default graph has nothing left, the named graphs are as they were.
      await store.replaceGraphs([DEFAULT_GRAPH], '')
      expect(await store.readGraphs([DEFAULT_GRAPH])).toBe('')
      expect(await store.size()).toBe(7)
    })

    it('replace_graphs_refuses_default_graph_quads_unless_the_default_graph_is_listed', async () => {
      const store = await storeOf()
      const before = await store.readGraphs([DEFAULT_GRAPH])
      expect(canonical(before, 'application/n-quads')).toHaveLength(1)
      expect((await rejection(store.replaceGraphs([RECORD_1], `<${BASE}s> <${BASE}p> "x" .\n`))).code).toBe('invalid_data')
      expect(await store.readGraphs([DEFAULT_GRAPH])).toBe(before)
      expect(await store.size()).toBe(11)
    })

    it('replace_graphs_in_sequence_apply_in_order', async () => {
      const store = await storeOf()
      const version = (v: string) => `<${BASE}dataset/1> <${DCT.identifier.value}> "${v}" <${RECORD_1}> .\n`
      await Promise.all(['a', 'b', 'c'].map((v) => store.replaceGraphs([RECORD_1], version(v))))
      const rows = await bindings(store, sparql`SELECT ?id WHERE { ${term('dataset/1')} ${DCT.identifier} ?id }`)
      expect(rows.map((b) => b.id!.value)).toEqual(['c'])
    })

    it('replace_graphs_of_many_graphs_at_once_applies_the_whole_change_and_keeps_the_rest', async () => {
      const store = await storeOf()
      const others = await isomorphicForm(await readDump(store))
      const first = manyGraphs(300, 'v1')
      await store.replaceGraphs(first.graphs, first.nquads)
      expect(await isomorphicForm(await store.readGraphs(first.graphs))).toBe(await isomorphicForm(first.nquads))
      // Again: the first 100 graphs as they are, the rest changed, the last 50 emptied, and one graph of the fixture.
      const second = manyGraphs(250, 'v2', 100)
      const change = second.nquads.replace(/"kept"/g, '"v1"').replace(/ kept"@zh-tw/g, ' v1"@zh-tw').replace(/_:t(\d+)kept/g, '_:t$1v1')
      await store.replaceGraphs([...first.graphs, RECORD_1], change)
      expect(await isomorphicForm(await store.readGraphs(first.graphs))).toBe(await isomorphicForm(change))
      const untouched = (await readDump(store)).split('\n').filter((line) => line && !line.includes('many-') && !line.includes(`<${RECORD_1}>`)).join('\n') + '\n'
      expect(await isomorphicForm(untouched)).toBe(await isomorphicForm(others.split('\n').filter((line) => line && !line.includes(`<${RECORD_1}>`)).join('\n') + '\n'))
      expect(await store.readGraphs([RECORD_1])).toBe('')
      expect(await store.size()).toBe(11 - GRAPH_NQ.split('\n').filter((line) => line.includes(`<${RECORD_1}>`)).length + 250 * 7)
    })

    it('replace_graphs_of_many_graphs_is_seen_all_or_nothing_by_concurrent_readers', async () => {
      const first = manyGraphs(300, 'v1')
      const store = await storeOf(GRAPH_NQ + first.nquads)
      const second = manyGraphs(300, 'v2')
      const markers = sparql`SELECT ?v (COUNT(*) AS ?n) WHERE { ?d ${oxigraph.namedNode(`${BASE}marker`)} ?v } GROUP BY ?v`
      const seen = new Set<string>()
      let isDone = false
      const write = store.replaceGraphs(second.graphs, second.nquads).finally(() => { isDone = true })
      do {
        const rows = await bindings(store, markers)
        seen.add(rows.map((row) => `${row.v!.value}:${row.n!.value}`).sort().join(' '))
      } while (!isDone)
      await write
      seen.add((await bindings(store, markers)).map((row) => `${row.v!.value}:${row.n!.value}`).join(' '))
      // Every answer is the whole old state or the whole new one.
      expect([...seen].filter((state) => state !== 'v1:300' && state !== 'v2:300')).toEqual([])
      expect(seen.has('v2:300')).toBe(true)
    })

    // A snapshot over the fixture: record/1 changed, record/2 the same (its integer written another way), the
    // agency's record gone, record/3 new, the default graph the same.
    const NEXT = GRAPH_NQ.split('\n').filter((line) => !line.includes(AGENCY_RECORD)).join('\n')
      .replace('"001"', '"001-next"').replace('"1024"^^', '"+1024"^^')
      + `<${BASE}dataset/3> <${RDF.type.value}> <${DCAT.Dataset.value}> <${BASE}record/3> .\n`
    const nextAsStored = () => canonical(NEXT.replace('"+1024"^^', '"1024"^^'), 'application/n-quads')
    const dumpOf = async (store: GraphStore) => {
      let text = ''
      for await (const chunk of store.dumpNQuads()) text += chunk
      return canonical(text, 'application/n-quads')
    }

    it('snapshot_applied_as_changes_writes_only_the_graphs_that_differ_in_one_switch', async () => {
      const store = await storeOf()
      const report = await applySnapshot(store, Buffer.from(NEXT))
      expect(report).toMatchObject({ graphs: 4, replaced: 2, removed: 1, unchanged: 2, statements: 1 })
      expect(await dumpOf(store)).toEqual(nextAsStored())
      // Applied again: nothing differs, nothing is written.
      expect(await applySnapshot(store, Buffer.from(NEXT))).toMatchObject({ replaced: 0, removed: 0, unchanged: 4, statements: 0 })
    })

    it('snapshot_applied_as_changes_compares_blank_nodes_by_isomorphism_not_label', async () => {
      const withNodes = (a: string, b: string, second = 'b') => GRAPH_NQ
        + `<${BASE}dataset/1> <${DCAT.distribution.value}> _:${a} <${RECORD_1}> .\n_:${a} <${DCT.title.value}> "a" <${RECORD_1}> .\n`
        + `<${BASE}dataset/1> <${DCAT.distribution.value}> _:${b} <${RECORD_1}> .\n_:${b} <${DCT.title.value}> "${second}" <${RECORD_1}> .\n`
      const store = await storeOf(withNodes('x1', 'x2'))
      // The same graph under other labels (the store may have renamed its own): nothing to write.
      expect(await applySnapshot(store, Buffer.from(withNodes('other1', 'other2')))).toMatchObject({ replaced: 0, statements: 0 })
      // Alike once unlabelled, yet not the same graph: both nodes now titled "a" — written.
      expect(await applySnapshot(store, Buffer.from(withNodes('y1', 'y2', 'a')))).toMatchObject({ replaced: 1, statements: 1 })
      const titles = await bindings(store, sparql`SELECT ?t WHERE { ${term('dataset/1')} ${DCAT.distribution} ?d . ?d ${DCT.title} ?t }`)
      expect(titles.map((row) => row.t!.value)).toEqual(['a', 'a'])
    })

    it('snapshot_applied_in_bounded_statements_when_its_changes_are_large', async () => {
      const store = await storeOf()
      const report = await applySnapshot(store, Buffer.from(NEXT), { statementQuads: 1, batchGraphs: 1 })
      expect(report).toMatchObject({ replaced: 2, removed: 1, statements: 3 })
      expect(await dumpOf(store)).toEqual(nextAsStored())
    })
  })
}
