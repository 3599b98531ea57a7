/** Prints the virtuoso.ini of .ci/start-virtuoso (environment: DB, SQL, HTTP, LOADS = comma-separated folders). */
import { writeVirtuosoIni } from '../src/store/virtuoso-ini.ts'

const { DB, SQL, HTTP, LOADS } = process.env
if (!DB || !SQL || !HTTP) throw new Error('DB, SQL and HTTP must be set')
process.stdout.write(writeVirtuosoIni({ dbDir: DB, sqlPort: Number(SQL), httpPort: Number(HTTP), loadDirs: (LOADS ?? '').split(',').filter(Boolean) }))
