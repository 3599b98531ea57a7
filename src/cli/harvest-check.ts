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

/** The report's words in zh and en (`--lang`; the CLI's default is zh). */
const WORDS = {
  records: { zh: '所有紀錄：', en: 'records:' },
  problems: { zh: '有問題的紀錄：', en: 'records with problems:' },
  none: { zh: '  （無）', en: '  none' },
  more: { zh: (n: number) => `  …… 另有 ${n} 筆`, en: (n: number) => `  … ${n} more` },
  shared: { zh: '共用節點（機關、概念、目錄）的問題：', en: 'problems on shared nodes (agents, concepts, the catalogue):' },
  warnings: { zh: '警告（不致拒收，但降低品質分數）：', en: 'warnings (not rejected, but they lower the quality score):' },
  sharedWarnings: { zh: '共用節點的警告：', en: 'warnings on shared nodes:' },
  record: {
    zh: (r: RecordResult, twice: string) => `  ${r.dataset}（第 ${r.pages[0]} 頁${twice}）：${r.violations.length ? `${r.violations.length} 項違規` : '通過'}，${r.warnings.length} 項警告`,
    en: (r: RecordResult, twice: string) => `  ${r.dataset} (page ${r.pages[0]}${twice}): ${r.violations.length ? `${r.violations.length} violation(s)` : 'ok'}, ${r.warnings.length} warning(s)`,
  },
  twice: { zh: (pages: number[]) => `，重複列於第 ${pages.join('、')} 頁`, en: (pages: number[]) => `, listed on pages ${pages.join(' and ')}` },
  pages: { zh: (n: number, mb: string, s: string) => `頁數：${n}，${mb} MB，${s} 秒`, en: (n: number, mb: string, s: string) => `pages: ${n}, ${mb} MB in ${s} s` },
  totals: {
    zh: (n: number, bad: number, twice: number) => `紀錄：${n} 筆，其中 ${bad} 筆有違規，${twice} 筆重複列出`,
    en: (n: number, bad: number, twice: number) => `records: ${n}, of which ${bad} with violations and ${twice} listed more than once`,
  },
  counts: { zh: (v: number, w: number) => `違規：${v}，警告：${w}`, en: (v: number, w: number) => `violations: ${v}, warnings: ${w}` },
  stopped: { zh: (why: string) => `提前停止：${why}`, en: (why: string) => `stopped early: ${why}` },
} as const

/** One issue; the focus node is named when it is not the record itself (a distribution, a contact point…). */
const issueLine = (issue: ValidationIssue, lang: 'zh' | 'en', record?: string) =>
  `    - ${issue.focusNode && issue.focusNode !== record ? `<${issue.focusNode}> ` : ''}${issue.path ?? ''}: ${issue.message[lang] || issue.message.en}${issue.value ? ` (${issue.value})` : ''}`

function recordLines(record: RecordResult, lang: 'zh' | 'en', issues: 'violations' | 'warnings'): string[] {
  const twice = record.pages.length > 1 ? WORDS.twice[lang](record.pages) : ''
  return [WORDS.record[lang](record, twice), ...record[issues].map((i) => issueLine(i, lang, record.dataset))]
}

/** Up to `limit` records as lines, with a "… n more" line for the rest. */
function listRecords(records: readonly RecordResult[], options: { lang: 'zh' | 'en'; limit: number }, issues: 'violations' | 'warnings'): string[] {
  const shown = records.slice(0, options.limit)
  const lines = shown.flatMap((record) => recordLines(record, options.lang, issues))
  if (shown.length === 0) lines.push(WORDS.none[options.lang])
  if (records.length > shown.length) lines.push(WORDS.more[options.lang](records.length - shown.length))
  return lines
}

/** The text report: records with problems (or all), shared problems, the warnings listed, then totals. */
export function formatHarvestReport(report: HarvestReport, options: { lang: 'zh' | 'en'; all: boolean; limit: number }): string {
  const l = options.lang
  const records = [...report.records.values()]
  const problems = records.filter((r) => r.violations.length > 0 || r.pages.length > 1)
  const violations = records.reduce((n, r) => n + r.violations.length, 0) + report.shared.length
  const warnings = records.reduce((n, r) => n + r.warnings.length, 0) + report.sharedWarnings.length
  const lines = [`harvest-check ${report.start} (${report.profile})`, '', options.all ? WORDS.records[l] : WORDS.problems[l]]
  lines.push(...listRecords(options.all ? records : problems, options, 'violations'))
  if (report.shared.length) lines.push('', WORDS.shared[l], ...report.shared.map((i) => issueLine(i, l)))
  const warned = records.filter((r) => r.warnings.length > 0)
  if (warned.length) lines.push('', WORDS.warnings[l], ...listRecords(warned, options, 'warnings'))
  if (report.sharedWarnings.length) lines.push('', WORDS.sharedWarnings[l], ...report.sharedWarnings.map((i) => issueLine(i, l)))
  const mb = (report.pages.reduce((n, p) => n + p.bytes, 0) / 1e6).toFixed(1)
  const seconds = (report.pages.reduce((n, p) => n + p.ms, 0) / 1000).toFixed(1)
  lines.push(
    '',
    WORDS.pages[l](report.pages.length, mb, seconds),
    WORDS.totals[l](records.length, records.filter((r) => r.violations.length).length, records.filter((r) => r.pages.length > 1).length),
    WORDS.counts[l](violations, warnings),
  )
  if (report.stopped) lines.push(WORDS.stopped[l](report.stopped))
  return lines.join('\n') + '\n'
}

/** The report as JSON: every record with its violations and warnings (each issue in full), and the totals. */
function toJson(report: HarvestReport): string {
  const records = [...report.records.values()]
  const totals = {
    records: records.length,
    violations: records.reduce((n, r) => n + r.violations.length, 0) + report.shared.length,
    warnings: records.reduce((n, r) => n + r.warnings.length, 0) + report.sharedWarnings.length,
  }
  return JSON.stringify({ ...report, records, totals }, null, 1) + '\n'
}

export async function runHarvestCheckCommand(options: HarvestCheckOptions): Promise<number> {
  const out = options.out ?? ((text: string) => void process.stdout.write(text))
  const err = options.err ?? ((text: string) => void process.stderr.write(text))
  const profile = chooseProfile(options.profile)
  const shapesDir = options.shapesDir ?? join(REPO_ROOT, 'shapes')
  const backgroundDir = options.background === false ? undefined : typeof options.background === 'string' ? options.background : join(REPO_ROOT, 'data', 'sources', 'eu-authority')
  const background = backgroundDir ? loadBackground(backgroundDir) : undefined
  const report: HarvestReport = { start: options.url, profile: profile.id, pages: [], records: new Map(), shared: [], sharedWarnings: [] }
  const walk = walkCatalogue(options.url, { fetch: options.fetch ?? fetch, profile, maxPages: options.maxPages ?? 1000, timeoutMs: options.timeoutMs ?? 60_000 })
  try {
    for await (const page of walk) {
      await checkPage(page, report, { shapesDir, profile, ...(background ? { background } : {}) })
      const summary = report.pages.at(-1)!
      if (!options.quiet) err(options.lang === 'zh'
        ? `第 ${page.n} 頁：${summary.records} 筆紀錄，${summary.violations} 項違規，${Math.round(page.ms)} 毫秒  ${page.url}\n`
        : `page ${page.n}: ${summary.records} record(s), ${summary.violations} violation(s), ${Math.round(page.ms)} ms  ${page.url}\n`)
    }
  } catch (error) {
    if (!(error instanceof HarvestStopped)) throw error
    report.stopped = error.message
  }
  out(options.json ? toJson(report) : formatHarvestReport(report, { lang: options.lang ?? 'en', all: options.all ?? false, limit: options.limit ?? 50 }))
  const violations = report.shared.length + [...report.records.values()].reduce((n, r) => n + r.violations.length, 0)
  return violations > 0 ? EXIT.violations : report.stopped ? EXIT.stopped : EXIT.clean
}
