/**
 * 405 and 501, consistently (issue 10): the methods a path allows are read from the routes the families registered
 * (`.get`, `.post`, `.put`… in their own files), so a family declares its methods in one place — where it serves
 * them — and Allow follows. A known method a path does not serve is 405 with Allow (HEAD wherever GET is; OPTIONS
 * answers 204 with Allow); a method this server does not implement anywhere is 501; an unknown path stays 404.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { TrieRouter } from 'hono/router/trie-router'
import { AppError } from '../errors.ts'
import { methodNotAllowed, notFound } from './errors.ts'

/** The methods with a meaning here (RFC 9110 §9 and RFC 5789's PATCH); any other is 501 everywhere. */
export const KNOWN_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const
const KNOWN = new Set<string>(KNOWN_METHODS)

/** 501 for a method no route of this server implements (before any route, so `.all` handlers see none). */
export const refuseUnknownMethods: MiddlewareHandler = async (c, next) => {
  if (!KNOWN.has(c.req.method)) {
    throw new AppError('not_implemented', `method ${c.req.method} is not implemented by this server; it answers ${KNOWN_METHODS.join(', ')}`, { allow: [...KNOWN_METHODS] })
  }
  await next()
}

export interface MethodTable {
  /** The methods some route serves at `path`, in KNOWN_METHODS order (HEAD with GET, OPTIONS with any). */
  allowedAt(path: string): string[]
}

/**
 * Read the table from the app's routes (call after every family is mounted; later routes are not seen), leaving out
 * the routes of `without` (the write routes, while writes are off: src/http/app.ts).
 */
export function readMethodTable(app: Hono<any>, without: readonly Hono<any>[] = []): MethodTable {
  const router = new TrieRouter<string>()
  const left = new Set(without.flatMap((sub) => sub.routes.map((route) => `${route.method} ${route.path}`)))
  // Middleware and catch-alls register as ALL: they serve no method of their own.
  for (const route of app.routes) if (route.method !== 'ALL' && !left.has(`${route.method} ${route.path}`)) router.add(route.method, route.path, route.method)
  return {
    allowedAt(path) {
      const served = new Set<string>()
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) if (router.match(method, path)[0].length > 0) served.add(method)
      if (served.size === 0) return []
      if (served.has('GET')) served.add('HEAD')
      served.add('OPTIONS')
      return KNOWN_METHODS.filter((method) => served.has(method))
    },
  }
}

/**
 * While no write token exists, writes are off (issue 14): a write to a path that is otherwise read is 405 with the
 * methods it does serve now (GET, HEAD, OPTIONS), saying how writes are turned on; write-only paths (/admin/…) go on to
 * their own 403. `readTable` is the table without the write routes.
 */
export function refuseWritesWhileOff(isOn: () => boolean, readTable: () => MethodTable): MiddlewareHandler {
  return async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) || isOn()) return next()
    const allow = readTable().allowedAt(c.req.path)
    if (allow.length === 0 || allow.includes(c.req.method)) return next()
    throw methodNotAllowed(c.req.method, allow, 'writes are off on this server until an operator creates a token (`ogd token create --agency CODE --scope write|sync|admin`)')
  }
}

/** For app.notFound: 404 for a path nothing serves; 405 with Allow (or 204 for OPTIONS) for one served otherwise. */
export function answerUnrouted(table: () => MethodTable, respond: (c: Context, error: AppError) => Response): (c: Context) => Response {
  return (c) => {
    const allow = table().allowedAt(c.req.path)
    if (allow.length === 0) return respond(c, notFound(c.req.path))
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow.join(', ') })
    return respond(c, methodNotAllowed(c.req.method, allow))
  }
}

/** OPTIONS is answered by CORS (204, before any route); this adds the path's Allow to that answer. */
export function allowOnOptions(table: () => MethodTable): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (c.req.method !== 'OPTIONS') return
    const allow = table().allowedAt(c.req.path)
    if (allow.length > 0) c.res.headers.set('Allow', allow.join(', '))
  }
}
