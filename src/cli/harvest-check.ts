/**
 * `ogd harvest-check URL`: walk a DCAT catalogue page by page over HTTP (ours or anyone's), validate every page
 * with the official DCAT-AP shapes, print a per-record report and totals. Exit 0 clean, 1 violations, 2 walk stopped.
 */
import { join } from 'node:path'
import { AppError } from '../errors.ts'
import { checkPage, loadBackground, type HarvestReport, type RecordResult } from '../catalog/harvest-report.ts'
import { HarvestStopped, walkCatalogue } from '../catalog/harvest-walk.ts'
import { findProfile, type CatalogProfile } from '../catalog/profiles.ts'
import type { ValidationIssue } from '../validate/validate.ts'
import { REPO_ROOT } from './paths.ts'

export interface HarvestCheckOptions {
  url: string
  /** 3.0.1 (default) or 2.1.1, or a profile IRI. */
  profile?: string
  maxPages?: number
  timeoutMs?: number
  lang?: 'zh' | 'en'
  /** List every record, not only those with problems. */
  all?: boolean
  /** Records with problems listed in the text report. */
  limit?: number
  json?: boolean
  /** EU vocabularies (Turtle) given to SHACL as background: a directory, true for the shipped ones, false for none. */
  background?: string | boolean
  shapesDir?: string
  quiet?: boolean
  fetch?: typeof fetch
  out?: (text: string) => void
  err?: (text: string) => void
}

const EXIT = { clean: 0, violations: 1, stopped: 2 } as const

function chooseProfile(name = '3.0.1'): CatalogProfile {
  const profile = findProfile(name)
  if (!profile) throw new AppError('bad_request', `unknown profile ${JSON.stringify(name)}: use 3.0.1 or 2.1.1`)
  return profile
}

/** One issue; the focus node is named when it is not the record itself (a distribution, a contact point…). */
const issueLine = (issue: ValidationIssue, lang: 'zh' | 'en', record?: string) =>
  `    - ${issue.focusNode && issue.focusNode !== record ? `<${issue.focusNode}> ` : ''}${issue.path ?? ''}: ${issue.message[lang] || issue.message.en}${issue.value ? ` (${issue.value})` : ''}`

function recordLines(record: RecordResult, lang: 'zh' | 'en'): string[] {
  const twice = record.pages.length > 1 ? `, listed on pages ${record.pages.join(' and ')}` : ''
  const state = record.violations.length ? `${record.violations.length} violation(s)` : 'ok'
  return [`  ${record.dataset} (page ${record.pages[0]}${twice}): ${state}, ${record.warnings} warning(s)`, ...record.violations.map((i) => issueLine(i, lang, record.dataset))]
}

/** The text report: records with problems (or all), shared problems, then totals. */
export function formatHarvestReport(report: HarvestReport, options: { lang: 'zh' | 'en'; all: boolean; limit: number }): string {
  const records = [...report.records.values()]
  const problems = records.filter((r) => r.violations.length > 0 || r.pages.length > 1)
  const shown = (options.all ? records : problems).slice(0, options.limit)
  const violations = records.reduce((n, r) => n + r.violations.length, 0) + report.shared.length
  const lines = [`harvest-check ${report.start} (${report.profile})`, '', options.all ? 'records:' : 'records with problems:']
  for (const record of shown) lines.push(...recordLines(record, options.lang))
  if (shown.length === 0) lines.push('  none')
  if ((options.all ? records : problems).length > shown.length) lines.push(`  … ${(options.all ? records : problems).length - shown.length} more`)
  if (report.shared.length) lines.push('', 'problems on shared nodes (agents, concepts, the catalogue):', ...report.shared.map((i) => issueLine(i, options.lang)))
  lines.push(
    '',
    `pages: ${report.pages.length}, ${(report.pages.reduce((n, p) => n + p.bytes, 0) / 1e6).toFixed(1)} MB in ${(report.pages.reduce((n, p) => n + p.ms, 0) / 1000).toFixed(1)} s`,
    `records: ${records.length}, of which ${records.filter((r) => r.violations.length).length} with violations and ${records.filter((r) => r.pages.length > 1).length} listed more than once`,
    `violations: ${violations}, warnings: ${records.reduce((n, r) => n + r.warnings, 0)}`,
  )
  if (report.stopped) lines.push(`stopped early: ${report.stopped}`)
  return lines.join('\n') + '\n'
}

const toJson = (report: HarvestReport) => JSON.stringify({ ...report, records: [...report.records.values()] }, null, 1) + '\n'

export async function runHarvestCheckCommand(options: HarvestCheckOptions): Promise<number> {
  const out = options.out ?? ((text: string) => void process.stdout.write(text))
  const err = options.err ?? ((text: string) => void process.stderr.write(text))
  const profile = chooseProfile(options.profile)
  const shapesDir = options.shapesDir ?? join(REPO_ROOT, 'shapes')
  const backgroundDir = options.background === false ? undefined : typeof options.background === 'string' ? options.background : join(REPO_ROOT, 'data', 'sources', 'eu-authority')
  const background = backgroundDir ? loadBackground(backgroundDir) : undefined
  const report: HarvestReport = { start: options.url, profile: profile.id, pages: [], records: new Map(), shared: [] }
  const walk = walkCatalogue(options.url, { fetch: options.fetch ?? fetch, profile, maxPages: options.maxPages ?? 1000, timeoutMs: options.timeoutMs ?? 60_000 })
  try {
    for await (const page of walk) {
      await checkPage(page, report, { shapesDir, profile, ...(background ? { background } : {}) })
      const summary = report.pages.at(-1)!
      if (!options.quiet) err(`page ${page.n}: ${summary.records} record(s), ${summary.violations} violation(s), ${Math.round(page.ms)} ms  ${page.url}\n`)
    }
  } catch (error) {
    if (!(error instanceof HarvestStopped)) throw error
    report.stopped = error.message
  }
  out(options.json ? toJson(report) : formatHarvestReport(report, { lang: options.lang ?? 'en', all: options.all ?? false, limit: options.limit ?? 50 }))
  const violations = report.shared.length + [...report.records.values()].reduce((n, r) => n + r.violations.length, 0)
  return violations > 0 ? EXIT.violations : report.stopped ? EXIT.stopped : EXIT.clean
}
