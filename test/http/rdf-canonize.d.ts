// rdf-canonize (a dependency of jsonld) ships no types; the one call the conformance runner makes.
declare module 'rdf-canonize' {
  const rdfCanonize: {
    canonize(input: string, options: { algorithm: 'RDFC-1.0'; inputFormat: 'application/n-quads'; maxWorkFactor?: number }): Promise<string>
  }
  export default rdfCanonize
}
