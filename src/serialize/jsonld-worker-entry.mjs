// Entry of the JSON-LD serialiser thread: registers the TypeScript loader (as bin/ogd.js does), then runs jsonld-worker.ts.
import { register } from 'tsx/esm/api'

register()
await import('./jsonld-worker.ts')
