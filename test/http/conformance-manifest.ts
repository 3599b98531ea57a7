/** Read the W3C SPARQL 1.1 test manifests (copied into test/conformance/sparql11) into plain test cases. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Parser, Store, type Term } from 'n3'

/** The IRI the W3C suite is published under; files resolve against it, and back to local paths. */
export const SUITE_IRI = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/'
export const SUITE_DIR = join(import.meta.dirname, '../conformance/sparql11')

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#'
const QT = 'http://www.w3.org/2001/sw/DataAccess/tests/test-query#'
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#'

export interface GraphFile {
  iri: string
  /** The graph name: the file IRI, or an rdfs:label given in the manifest (protocol tests). */
  name: string
}

export interface TestCase {
  id: string
  dir: string
  type: string
  name: string
  query?: string
  data: string[]
  graphData: GraphFile[]
  result?: string
  hasServiceData: boolean
  /** The manifest node, for test kinds that read more (protocol tests). */
  node: Term
  manifest: Store
}

/** The local path of a suite IRI. */
export const localPath = (iri: string) => join(SUITE_DIR, decodeURIComponent(iri.slice(SUITE_IRI.length)))
export const readSuiteFile = (iri: string) => readFileSync(localPath(iri), 'utf8')

/** An RDF collection as an array. */
export function listItems(store: Store, head: Term | undefined): Term[] {
  const items: Term[] = []
  let node = head
  while (node && node.value !== `${RDF}nil`) {
    const first = store.getObjects(node, `${RDF}first`, null)[0]
    if (first) items.push(first)
    node = store.getObjects(node, `${RDF}rest`, null)[0]
  }
  return items
}

export function loadManifest(dir: string): Store {
  const iri = `${SUITE_IRI}${dir}/manifest.ttl`
  return new Store(new Parser({ baseIRI: iri }).parse(readSuiteFile(iri)))
}

/** The sub-manifests a top manifest includes (directory names). */
export function includedDirs(topManifest: string): string[] {
  const iri = `${SUITE_IRI}${topManifest}`
  const store = new Store(new Parser({ baseIRI: iri }).parse(readSuiteFile(iri)))
  const [head] = store.getObjects(iri, `${MF}include`, null)
  return listItems(store, head).map((item) => item.value.slice(SUITE_IRI.length).replace(/\/manifest\.ttl$/, ''))
}

/** The entries of one directory's manifest, in manifest order. */
export function readTestCases(dir: string): TestCase[] {
  const store = loadManifest(dir)
  const manifestIri = `${SUITE_IRI}${dir}/manifest.ttl`
  const entries = store.getObjects(manifestIri, `${MF}entries`, null).flatMap((head) => listItems(store, head))
  return entries.map((node) => {
    const one = (subject: Term, predicate: string) => store.getObjects(subject, predicate, null)[0]
    const action = one(node, `${MF}action`)
    const isActionFile = action?.termType === 'NamedNode'
    const graphData = action && !isActionFile ? store.getObjects(action, `${QT}graphData`, null).map((g) => ({ iri: g.value, name: g.value })) : []
    return {
      id: node.value.slice(node.value.lastIndexOf('#') + 1),
      dir,
      type: one(node, `${RDF}type`)?.value.replace(MF, 'mf:') ?? '',
      name: one(node, `${MF}name`)?.value ?? node.value,
      query: isActionFile ? action.value : action && one(action, `${QT}query`)?.value,
      data: action && !isActionFile ? store.getObjects(action, `${QT}data`, null).map((d) => d.value) : [],
      graphData,
      result: one(node, `${MF}result`)?.value,
      hasServiceData: !!action && !isActionFile && store.getObjects(action, `${QT}serviceData`, null).length > 0,
      node,
      manifest: store,
    }
  })
}

/** Protocol tests name their graphs with rdfs:label (`ut:graphData [ ut:graph <data1.nt> ; rdfs:label "http://…" ]`). */
export function protocolGraphData(test: TestCase): GraphFile[] {
  return test.manifest.getObjects(test.node, `${UT}graphData`, null).map((g) => ({
    iri: test.manifest.getObjects(g, `${UT}graph`, null)[0]!.value,
    name: test.manifest.getObjects(g, `${RDFS}label`, null)[0]!.value,
  }))
}
