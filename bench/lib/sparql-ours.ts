/** Our server in a child process (bench/sparql-server.ts), so that the client loop does not share its event loop. */
import { fork } from 'node:child_process'
import { join } from 'node:path'
import { assertLoopbackOnly } from './sparql-ports.ts'

export interface OurServer {
  endpoint: string
  port: number
  /** Milliseconds from startServer to ready: every replica loaded (read, parsed, indexed) and VoID warmed. */
  loadMs: number
  replicas: number
  stop(): Promise<void>
}

interface ReadyMessage { port: number; loadMs: number; replicas: number }

/** Fork the server on `snapshotDir`; resolves once it serves with every replica loaded. */
export async function startOurServer(options: { repoRoot: string; snapshotDir: string; logFile: string; resultCacheBytes?: number }): Promise<OurServer> {
  const child = fork(join(options.repoRoot, 'bench', 'sparql-server.ts'), [options.snapshotDir, options.logFile, String(options.resultCacheBytes ?? 0)], {
    cwd: options.repoRoot,
    execArgv: ['--import', 'tsx', '--max-old-space-size=8000'],
    // The child reads no configuration from the environment (it passes its own to loadConfig).
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  try {
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ReadyMessage))
      child.once('exit', (code, signal) => reject(new Error(`our server exited before it was ready (code ${code}, signal ${signal}); see ${options.logFile}`)))
    })
    await assertLoopbackOnly([ready.port])
    return { endpoint: `http://127.0.0.1:${ready.port}/sparql`, ...ready, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
