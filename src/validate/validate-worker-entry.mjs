// Entry of a validation thread: registers the TypeScript loader (as bin/ogd.js does), then runs validate-worker.ts.
import { register } from 'tsx/esm/api'

register()
await import('./validate-worker.ts')
