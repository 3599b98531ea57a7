// Entry of a federation thread: registers the TypeScript loader (as bin/ogd.js does), then runs federation-worker.ts.
import { register } from 'tsx/esm/api'

register()
await import('./federation-worker.ts')
