/** Loopback ports for the benchmark's servers: pick free ones, and prove a server listens on loopback only. */
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:net'

/** A TCP port that was free on 127.0.0.1 a moment ago (not one of `avoid`). */
export async function findFreePort(avoid: number[] = []): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number }
        server.close(() => resolve(port))
      })
    })
    if (!avoid.includes(port)) return port
  }
}

const LISTEN = '0A'
// /proc/net/tcp writes addresses as little-endian hex: 127.0.0.1 is 0100007F, ::1 is 0…0 01000000.
const LOOPBACK = new Set(['0100007F', '00000000000000000000000001000000'])

/** Throw unless every listening socket on `ports` is bound to 127.0.0.1 or ::1 (none on 0.0.0.0 or another address). */
export async function assertLoopbackOnly(ports: number[]): Promise<void> {
  const rows: string[][] = []
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '')
    rows.push(...text.split('\n').slice(1).map((line) => line.trim().split(/\s+/)).filter((cols) => cols.length > 3))
  }
  for (const port of ports) {
    const listening = rows.filter(([, local, , state]) => state === LISTEN && parseInt(local!.split(':')[1]!, 16) === port)
    if (listening.length === 0) throw new Error(`nothing listens on port ${port}: cannot check that it is loopback only`)
    const exposed = listening.filter(([, local]) => !LOOPBACK.has(local!.split(':')[0]!))
    if (exposed.length > 0) throw new Error(`port ${port} listens beyond loopback (${exposed.map((cols) => cols[1]).join(', ')}): refusing to go on`)
  }
}
