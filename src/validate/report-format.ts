/** Validation reports for people (text in zh or en, grouped by record) and for machines (SHACL report in Turtle). */
import { DataFactory, Writer, type Quad } from 'n3'
import { PREFIXES, RDF, SH, XSD } from '../vocab/index.ts'
import type { ValidationIssue, ValidationReport } from './validate.ts'

const { quad, namedNode, literal, blankNode } = DataFactory

export type Lang = 'zh' | 'en'

const HEAD: Record<Lang, (r: ValidationReport, records: number) => string> = {
  zh: (r, n) => `驗證規範 ${r.profile}：${r.conforms ? '符合' : '不符合'}；${count(r, 'Violation')} 項違規、${count(r, 'Warning')} 項警告，涉及 ${n} 筆紀錄`,
  en: (r, n) => `profile ${r.profile}: ${r.conforms ? 'conforms' : 'does not conform'}; ${count(r, 'Violation')} violation(s), ${count(r, 'Warning')} warning(s) in ${n} record(s)`,
}
const count = (r: ValidationReport, s: string) => r.issues.filter((i) => i.severity === s).length

/** Group issues by record (or focus node when the record is unknown), in a stable order. */
export function groupByRecord(issues: ValidationIssue[]): Map<string, ValidationIssue[]> {
  const groups = new Map<string, ValidationIssue[]>()
  for (const issue of [...issues].sort((a, b) => (a.record ?? a.focusNode).localeCompare(b.record ?? b.focusNode))) {
    const key = issue.record ?? issue.focusNode
    const list = groups.get(key) ?? []
    list.push(issue)
    groups.set(key, list)
  }
  return groups
}

/** Text report; `limit` caps the records listed (the totals always count everything). */
export function formatReportText(report: ValidationReport, lang: Lang, limit = Infinity): string {
  const groups = groupByRecord(report.issues)
  const lines = [HEAD[lang](report, groups.size)]
  let shown = 0
  for (const [record, issues] of groups) {
    if (shown++ >= limit) {
      lines.push(lang === 'zh' ? `…另有 ${groups.size - limit} 筆紀錄未列出` : `… ${groups.size - limit} more record(s) not listed`)
      break
    }
    lines.push(`\n${record}`)
    for (const issue of issues) {
      const where = issue.focusNode !== record ? ` [${issue.focusNode}]` : ''
      const value = issue.value ? ` (${lang === 'zh' ? '值' : 'value'} ${issue.value})` : ''
      lines.push(`  ${issue.severity}: ${issue.message[lang]}${value}${where}`)
    }
  }
  return lines.join('\n') + '\n'
}

/** The report as a W3C SHACL validation report graph in Turtle, with both languages' messages. */
export async function formatReportTurtle(report: ValidationReport): Promise<string> {
  const quads: Quad[] = []
  const root = blankNode('report')
  quads.push(quad(root, RDF.type, SH.ValidationReport), quad(root, SH.conforms, literal(String(report.conforms), XSD.boolean)))
  report.issues.forEach((issue, n) => {
    const r = blankNode(`r${n}`)
    quads.push(
      quad(root, SH.result, r),
      quad(r, RDF.type, SH.ValidationResult),
      quad(r, SH.focusNode, namedNode(issue.focusNode)),
      quad(r, SH.resultSeverity, SH[issue.severity]),
      quad(r, SH.sourceConstraintComponent, namedNode(SH.$iri + issue.component)),
      quad(r, SH.resultMessage, literal(issue.message.zh, 'zh-Hant')),
      quad(r, SH.resultMessage, literal(issue.message.en, 'en')),
    )
    if (issue.shape.startsWith('http')) quads.push(quad(r, SH.sourceShape, namedNode(issue.shape)))
    const path = issue.path ? expand(issue.path) : undefined
    if (path) quads.push(quad(r, SH.resultPath, namedNode(path)))
  })
  const writer = new Writer({ prefixes: PREFIXES })
  writer.addQuads(quads)
  return new Promise((resolve, reject) => writer.end((error, text) => (error ? reject(error) : resolve(text))))
}

function expand(curie: string): string | undefined {
  if (curie.startsWith('<')) return curie.slice(1, -1)
  const [prefix, local] = curie.split(':', 2)
  const ns = prefix ? PREFIXES[prefix] : undefined
  return ns && local !== undefined ? ns + local : undefined
}
