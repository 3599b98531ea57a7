// Entry of a replica thread: registers the TypeScript loader (as bin/ogd.js does), then runs worker.ts.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
