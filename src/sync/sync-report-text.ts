/** A sync report as text for people (the CLI): counts, then every record that changed or was rejected, with reasons in zh and en. */
import type { SyncReport } from './apply-sync.ts'

/** The report as lines of text; `limit` caps each list. */
export function formatSyncReport(report: SyncReport, limit = 50): string {
  const counts = (['created', 'modified', 'withdrawn', 'unchanged', 'rejected'] as const).map((k) => `${report[k].length} ${k}`).join(', ')
  const lines = [`sync of ${report.files.join(', ')} at ${report.appliedAt}: ${counts}`]
  for (const kind of ['created', 'modified', 'withdrawn'] as const) {
    for (const r of report[kind].slice(0, limit)) lines.push(`  ${kind.padEnd(9)} ${r.id}  ${r.where}`)
  }
  for (const r of report.rejected.slice(0, limit)) {
    lines.push(`  rejected  ${r.id || '(no id)'}  ${r.where}`)
    for (const reason of r.reasons) lines.push(`            ${reason.property ?? '(record)'}: ${reason.message.zh} / ${reason.message.en}`)
  }
  if (report.warnings.length > 0) lines.push(`${report.warnings.length} warning(s): ${report.warnings.slice(0, 3).map((w) => `${w.where}: ${w.problem}`).join('; ')}${report.warnings.length > 3 ? ' …' : ''}`)
  return lines.join('\n') + '\n'
}
