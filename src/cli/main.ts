/** The `ogd` command: parses argv, runs one command, turns errors into a message and an exit code. */
import { Command, Option } from 'commander'
import { AppError } from '../errors.ts'

// Commands are imported when run: `ogd build` need not load the server, nor `ogd serve` the importers.

const EXIT_BY_CODE: Partial<Record<AppError['code'], number>> = { not_found: 2, invalid_data: 3, bad_query: 4, invalid_config: 5, unavailable: 6 }

export async function main(argv: string[]): Promise<void> {
  const program = new Command('ogd')
    .description('Taiwan open-government-data knowledge graph')
    .option('--snapshot <dir>', 'snapshot directory', process.env.OGD_SNAPSHOT_DIR ?? 'data/snapshot')
    .option('-q, --quiet', 'no progress output')
    .showHelpAfterError()

  program
    .command('build')
    .description('build the graph from the sources into a new snapshot (the previous one is kept if anything fails)')
    .option('--base <iri>', 'base IRI of every minted IRI', process.env.BASE_IRI)
    .option('--catalog <files...>', 'catalogue inputs (data.gov.tw export CSV or API v1 JSON) instead of the shipped sample')
    .option('--include-personal-contacts', 'keep contact person names and phones (personal data; off by default)')
    .option('--progress-json', 'progress as `ogd-progress {json}` lines on stderr (what `ogd serve` reads when it builds first)')
    .option('--force', 'build even when the current snapshot was built from the same sources, code and options')
    .action(async (opts) => setExit(await (await import('./build.ts')).runBuildCommand({ ...program.opts(), ...opts })))

  program
    .command('import <file>')
    .description('replace the catalogue with a newer data.gov.tw export (CSV) or API dump (JSON): validated first, all or nothing')
    .action(async (file, opts) => setExit(await (await import('./import.ts')).runImportCommand({ ...program.opts(), ...opts, file })))

  program
    .command('sync <files...>')
    .description('apply data.gov.tw daily change exports (JSON or CSV; - for stdin) to the graph through its journal; a full export is diffed; exit 1 when a record was rejected')
    .option('--json', 'the report as JSON')
    .action(async (files, opts) => setExit(await (await import('./sync.ts')).runSyncCommand({ ...program.opts(), ...opts, files })))

  const token = program.command('token').description('write tokens (Bearer) of the server serving this snapshot directory')
  token
    .command('create')
    .description('create a token; it is printed once (only its scrypt hash is kept)')
    .option('--agency <code>', 'the agency (DGPA code) whose records it may write')
    .option('--include-subordinates', 'also the records of the agency\'s subordinate agencies')
    .addOption(new Option('--scope <scope>', 'what it may do').choices(['write', 'sync', 'admin']).makeOptionMandatory())
    .action(async (opts) => setExit(await (await import('./token.ts')).runTokenCreateCommand({ ...program.opts(), ...opts })))
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'as JSON')
    .action(async (opts) => setExit(await (await import('./token.ts')).runTokenListCommand({ ...program.opts(), ...opts })))
  token
    .command('revoke <id>')
    .description('revoke a token by id (takes effect on the next request)')
    .action(async (id) => setExit(await (await import('./token.ts')).runTokenRevokeCommand({ ...program.opts(), id })))

  program
    .command('validate')
    .description('validate the current snapshot against SHACL shapes; exit 1 on violations in complete records')
    .addOption(new Option('--lang <lang>', 'language of the text report').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'turtle', 'json']).default('text'))
    .addOption(new Option('--profile <profile>', 'shape profile').choices(['dcat-ap-3.0.1', 'dcat-ap-2.1.1', 'ogd']).default('dcat-ap-3.0.1'))
    .option('--limit <n>', 'records listed in the text report', (v) => Number(v), 50)
    .action(async (opts) => setExit(await (await import('./validate.ts')).runValidateCommand({ ...program.opts(), ...opts })))

  program
    .command('query [sparql]')
    .description('run a SPARQL query against the embedded store (the text, or --file)')
    .option('-f, --file <file>', 'read the query from a file')
    .addOption(new Option('--format <format>', 'result format').choices(['json', 'csv', 'tsv', 'xml', 'turtle', 'ntriples', 'nquads']).default('tsv'))
    .action(async (sparql, opts) => setExit(await (await import('./query.ts')).runQueryCommand({ ...program.opts(), ...opts, sparql })))

  program
    .command('stats')
    .description('print the statistics of the current snapshot')
    .option('--json', 'as JSON')
    .action(async (opts) => setExit(await (await import('./stats.ts')).runStatsCommand({ ...program.opts(), ...opts })))

  program
    .command('harvest-check <url>')
    .description('walk a DCAT-AP catalogue over HTTP page by page (ours or anyone\'s) and validate it with the official shapes; exit 1 on violations')
    .addOption(new Option('--profile <profile>', 'DCAT-AP version').choices(['3.0.1', '2.1.1']).default('3.0.1'))
    .option('--max-pages <n>', 'stop after this many pages', (v) => Number(v), 1000)
    .option('--timeout-ms <ms>', 'per-page request timeout', (v) => Number(v), 60_000)
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['zh', 'en']).default('zh'))
    .option('--all', 'list every record, not only those with problems')
    .option('--limit <n>', 'records with problems listed', (v) => Number(v), 50)
    .option('--json', 'the report as JSON')
    .action(async (url, opts) => setExit(await (await import('./harvest-check.ts')).runHarvestCheckCommand({ ...opts, url, quiet: program.opts().quiet })))

  program
    .command('load [snapshot]')
    .description('load a snapshot (default: the current one) into a remote store (STORE_URL, STORE_SQL, STORE_USER, STORE_PASSWORD): over a served catalogue as the changes it implies (servers keep answering), into an empty store by the bulk loader (servers answer 503 until it is complete)')
    .requiredOption('--store <kind>', 'the store to load: virtuoso')
    .option('--bulk', 'empty the store and bulk-load even when it serves a catalogue (faster when most of it changed; servers answer 503 meanwhile)')
    .option('--statement-quads <n>', 'quads one atomic write of a change load carries at most (default 50000)')
    .action(async (dir, opts) => setExit(await (await import('./load.ts')).runLoadCommand({ ...program.opts(), ...opts, dir })))

  program
    .command('serve')
    .description('serve the current snapshot over HTTP (builds it first when there is none)')
    .action(async () => setExit(await (await import('./serve.ts')).runServeCommand({ ...program.opts() })))

  try {
    await program.parseAsync(argv)
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`ogd: ${error.message}\n`)
      process.exitCode = EXIT_BY_CODE[error.code] ?? 1
    } else throw error
  }
}

const setExit = (code: number) => {
  process.exitCode = code
}
