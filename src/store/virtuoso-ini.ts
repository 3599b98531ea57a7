/**
 * The virtuoso.ini we generate for a Virtuoso 7 that backs the server (STORE=virtuoso): loopback by default, limits
 * that never cut a result silently, and the durability a write is acknowledged under:
 *
 * - every commit is written to the transaction log (TransactionFile) and the log is fsync'ed before the commit
 *   returns (`[Flags] dbf_log_fsync = 1`): a replaceGraphs the server acknowledged survives a power cut;
 * - checkpoints (every CheckpointInterval minutes, and after each bulk load, which is not logged) fsync every
 *   database file (CheckpointSyncMode = 2) before the log is truncated.
 */

export interface VirtuosoIniOptions {
  /** The database directory (database, log, transaction log, lock file). */
  dbDir: string
  /** SQL (isql / ODBC) port; `host:port` or a port (bound to 127.0.0.1). */
  sqlPort: number | string
  /** HTTP port of /sparql and /sparql-auth; as sqlPort. */
  httpPort: number | string
  /** Folders the bulk loader may read (DirsAllowed): where `ogd load` finds its snapshots. */
  loadDirs: string[]
  /** 8 KiB pages of buffer cache. Default 340,000 (~2.7 GiB): OpenLink's figure for 4 GB of free memory. */
  numberOfBuffers?: number
  /** The most rows one SPARQL result may have (Virtuoso cuts silently past it; the server refuses at it, see STORE_MAX_ROWS). */
  resultSetMaxRows?: number
}

/** Rows past which a result is refused as incomplete: this ini's ResultSetMaxRows (the server's STORE_MAX_ROWS default). */
export const DEFAULT_RESULT_SET_MAX_ROWS = 1_000_000

const address = (value: number | string) => (typeof value === 'number' ? `127.0.0.1:${value}` : value)

/** The whole ini text (based on Debian's /usr/share/virtuoso-opensource-7/virtuoso.ini, without plugins and VADs). */
export function writeVirtuosoIni(options: VirtuosoIniOptions): string {
  const { dbDir, loadDirs } = options
  const numberOfBuffers = options.numberOfBuffers ?? 340_000
  // OpenLink's sizing table keeps MaxDirtyBuffers at about three quarters of NumberOfBuffers.
  const maxDirtyBuffers = Math.round(numberOfBuffers * 0.75)
  return `[Database]
DatabaseFile = ${dbDir}/virtuoso.db
ErrorLogFile = ${dbDir}/virtuoso.log
LockFile = ${dbDir}/virtuoso.lck
; Every commit goes to this log before it is acknowledged (with dbf_log_fsync below, fsync'ed).
TransactionFile = ${dbDir}/virtuoso.trx
xa_persistent_file = ${dbDir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dbDir}/virtuoso-temp.db
TransactionFile = ${dbDir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = ${address(options.sqlPort)}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
; Minutes between checkpoints; each fsyncs every database file (CheckpointSyncMode 2) before the log is cut.
CheckpointInterval = 60
CheckpointSyncMode = 2
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., ${loadDirs.join(', ')}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxMemPoolSize = 200000000
MaxQueryMem = 2G
VectorSize = 1000
MaxVectorSize = 1000000
AdjustVectorSize = 0
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 10
NumberOfBuffers = ${numberOfBuffers}
MaxDirtyBuffers = ${maxDirtyBuffers}

[Flags]
; fsync the transaction log at every commit: an acknowledged write is on disk.
dbf_log_fsync = 1

[HTTPServer]
ServerPort = ${address(options.httpPort)}
ServerRoot = ${dbDir}
MaxClientConnections = 20
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 16
MaxKeepAlives = 16
KeepAliveTimeout = 10
MaxCachedProxyConnections = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT = 0
SQL_TXN_TIMEOUT = 0

[SPARQL]
; The server refuses a result of this many rows as possibly cut (503 engine_limit); it never passes one on as complete.
ResultSetMaxRows = ${options.resultSetMaxRows ?? DEFAULT_RESULT_SET_MAX_ROWS}
; No server-wide "anytime" deadline: the server sends each query's own deadline (timeout) and treats a partial
; answer (X-SQL-State) as the deadline reached.
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
DeferInferenceRulesInit = 0
`
}
