/** The virtuoso.ini of the benchmark's Virtuoso: loopback ports, a temporary database, and limits that never cut results. */

export interface VirtuosoIniOptions {
  dbDir: string
  sqlPort: number
  httpPort: number
  /** The folder the bulk loader may read (DirsAllowed). */
  loadDir: string
  /** 8 KiB pages. Default 340,000 (~2.7 GiB): OpenLink's figure for 4 GB of free memory, modest on a 24 GB machine. */
  numberOfBuffers?: number
}

/** The whole ini text. Based on Debian's /usr/share/virtuoso-opensource-7/virtuoso.ini, without plugins and VADs. */
export function writeVirtuosoIni({ dbDir, sqlPort, httpPort, loadDir, numberOfBuffers = 340_000 }: VirtuosoIniOptions): string {
  // OpenLink's sizing table keeps MaxDirtyBuffers at about three quarters of NumberOfBuffers.
  const maxDirtyBuffers = Math.round(numberOfBuffers * 0.75)
  return `[Database]
DatabaseFile = ${dbDir}/virtuoso.db
ErrorLogFile = ${dbDir}/virtuoso.log
LockFile = ${dbDir}/virtuoso.lck
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
ServerPort = 127.0.0.1:${sqlPort}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., ${loadDir}
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

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
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
; Large enough that no example query is cut (the default 10,000 would truncate silently).
ResultSetMaxRows = 10000000
; No "anytime" deadline: a partial answer would not be comparable. The client's own timeout bounds each request.
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
DeferInferenceRulesInit = 0
`
}
