/**
 * Open the configured remote store for `ogd serve`: until it answers, try again every few seconds (the server
 * listens meanwhile and /health answers 503), logging what is wrong; a configuration error (bad credentials, an
 * endpoint that is not Virtuoso's) stops at once, naming the variable.
 */
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { AppError } from '../errors.ts'
import type { StoreConfig } from './store-config.ts'
import { openVirtuosoStore, type VirtuosoStore } from './virtuoso-store.ts'

const RETRY_MS = 5_000

export async function openRemoteStore(store: Extract<StoreConfig, { kind: 'virtuoso' }>, config: Config, logger: Logger, retryMs = RETRY_MS): Promise<VirtuosoStore> {
  if (!store.user) logger.warn({ storeUrl: store.queryUrl }, 'STORE_USER is not set: the store is read-only from here (writes are refused)')
  for (let attempt = 1; ; attempt += 1) {
    try {
      const opened = await openVirtuosoStore({
        queryUrl: store.queryUrl,
        updateUrl: store.updateUrl,
        graphCrudUrl: store.graphCrudUrl,
        user: store.user,
        password: store.password,
        maxRows: store.maxRows,
        pollMs: store.pollMs,
        defaultTimeoutMs: config.queryTimeoutMs,
        limits: { maxBytes: config.maxQueryBytes, maxDepth: config.maxQueryDepth },
        logger,
      })
      logger.info({ storeUrl: store.queryUrl, maxRows: opened.maxRows }, 'remote store answers')
      return opened
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'unavailable') throw error
      logger.warn({ attempt, storeUrl: store.queryUrl, problem: error.message }, `the remote store does not answer yet; trying again in ${retryMs / 1000} s (/health is 503 meanwhile)`)
      await new Promise((resolve) => setTimeout(resolve, retryMs))
    }
  }
}
