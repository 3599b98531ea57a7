/** Honest completeness: split validation results into records presented as complete and those known partial. */
import type { Quad } from 'n3'
import type { Iris } from '../model/iris.ts'
import type { ValidationIssue, ValidationReport } from '../validate/validate.ts'

export interface IncompleteRecord {
  record: string
  /** What the record misses or gets wrong, as the shapes say (paths and messages). */
  misses: string[]
}

export interface SplitReport {
  summary: { profiles: string[]; completeViolations: number; incompleteRecords: number; warnings: number }
  completeViolations: ValidationIssue[]
  incomplete: IncompleteRecord[]
}

/** Records marked ogd:metadataStatus partial are listed with what they miss; any other violation is a failure. */
export function splitReport(reports: ValidationReport[], quads: Quad[], iris: Iris): SplitReport {
  const partialConcept = iris.concept('metadata-status', 'partial').value
  const partial = new Set(quads.filter((q) => q.predicate.equals(iris.ogd.metadataStatus) && q.object.value === partialConcept).map((q) => q.graph.value))
  const completeViolations: ValidationIssue[] = []
  const misses = new Map<string, Set<string>>()
  let warnings = 0
  for (const report of reports) {
    for (const issue of report.issues) {
      if (issue.severity !== 'Violation') {
        warnings++
        continue
      }
      if (issue.record && partial.has(issue.record)) {
        const set = misses.get(issue.record) ?? new Set<string>()
        set.add(issue.path ? `${issue.path}: ${issue.message.en}` : issue.message.en)
        misses.set(issue.record, set)
      } else completeViolations.push(issue)
    }
  }
  const incomplete = [...misses].sort(([a], [b]) => a.localeCompare(b)).map(([record, set]) => ({ record, misses: [...set].sort() }))
  return {
    summary: { profiles: reports.map((r) => r.profile), completeViolations: completeViolations.length, incompleteRecords: incomplete.length, warnings },
    completeViolations,
    incomplete,
  }
}
