/** Links between DGPA agencies: the parent (主管機關) hierarchy, org:ChangeEvent lineage, and minimal nodes for codes the list lacks. */
import { DCT, FOAF, ORG, RDF, SKOS } from '../vocab/index.ts'
import { isPlaceholder, type DgpaRow, type Warn } from './agency-row.ts'
import { dateLiteral, stringLiteral, zhLiteral, type QuadList } from './agency-quads.ts'
import { parseRocDate } from './roc-date.ts'
import type { ImportContext } from './types.ts'

/** Codes referred to but not listed, with the first name a referring row gives for them ('' if none). */
export type UnresolvedCodes = Map<string, string>

/** How a row's parent link came out. */
export type ParentLink = 'root' | 'linked' | 'missing'

/**
 * `org:subOrganizationOf` the 主管機關 (in the child's graph). A row that is its own parent is a root and
 * gets no link. A parent missing from the list is still linked (the code is real data) and warned about;
 * it gets a minimal ogd:UnresolvedAgent node.
 */
export function describeParent(row: DgpaRow, ctx: ImportContext, out: QuadList, known: ReadonlySet<string>,
  unresolved: UnresolvedCodes, warn: Warn): ParentLink {
  if (row.parentCode === '' || row.parentCode === row.code) return 'root'
  const agency = ctx.iris.agency(row.code)
  out.add(agency, ORG.subOrganizationOf, ctx.iris.agency(row.parentCode), agency)
  if (known.has(row.parentCode)) return 'linked'
  warn(row.line, `主管機關代碼 ${row.parentCode}${row.parentName ? ` (${row.parentName})` : ''} of ${row.code} is not in the list; linked to an unresolved agent`)
  noteUnresolved(unresolved, row.parentCode, row.parentName)
  return 'missing'
}

/** One reorganisation: the old code became the new one, on a known date or not. */
interface Change {
  oldCode: string
  newCode: string
  date: string | undefined
}

/** Both sides' dates for one change: `stated` by the old row's 新機關生效日, `implied` by the new row's 機關生效日期. */
interface ChangeDraft {
  oldCode: string
  newCode: string
  stated?: string
  implied?: string
  line: number
}

/**
 * Collect reorganisations from both sides: an old row's 新機關代碼/新機關生效日 and a new row's 舊機關代碼
 * (dated by the new agency's 機關生效日期, unless that is a placeholder's planned date). Both sides name the same event, which is made once, dated by
 * the explicit 新機關生效日 when given (a disagreement is reported; none occurs in the 2016 snapshot).
 */
export function collectChanges(rows: readonly DgpaRow[], known: ReadonlySet<string>, unresolved: UnresolvedCodes, warn: Warn): Change[] {
  const drafts = new Map<string, ChangeDraft>()
  const note = (row: DgpaRow, oldCode: string, newCode: string, rocDate: string, side: 'stated' | 'implied') => {
    if (oldCode === newCode) return
    const parsed = parseRocDate(rocDate)
    if (parsed.kind === 'invalid') warn(row.line, `reorganisation date: ${parsed.problem}; left out`)
    const key = `${oldCode} ${newCode}`
    const draft = drafts.get(key) ?? { oldCode, newCode, line: row.line }
    if (parsed.kind === 'date') draft[side] ??= parsed.iso
    drafts.set(key, draft)
  }
  for (const row of rows) {
    if (row.newCode === row.code || row.oldCode === row.code) {
      warn(row.line, `${row.code} names itself as its own predecessor or successor; no change event made for that`)
    }
    if (row.newCode !== '') {
      note(row, row.code, row.newCode, row.newEffective, 'stated')
      if (!known.has(row.newCode)) noteUnresolved(unresolved, row.newCode, row.newName)
    }
    if (row.oldCode !== '') {
      note(row, row.oldCode, row.code, isPlaceholder(row) ? '' : row.effective, 'implied')
      if (!known.has(row.oldCode)) noteUnresolved(unresolved, row.oldCode, row.oldName)
    }
  }
  return [...drafts.values()].map(({ oldCode, newCode, stated, implied, line }) => {
    if (stated && implied && stated !== implied) {
      warn(line, `change ${oldCode} → ${newCode} is dated ${stated} (新機關生效日) but the new agency took effect ${implied}; ${stated} kept`)
    }
    return { oldCode, newCode, date: stated ?? implied }
  })
}

/**
 * ORG lineage: the event `changeEvent(old, new)` lives in the resulting agency's graph with
 * org:originalOrganization / org:resultingOrganization and dct:date (xsd:date; an org:ChangeEvent is a
 * prov:Activity, but prov:startedAtTime wants a dateTime the source does not give). Each agency states its
 * own side in its own graph: old `org:changedBy` event, new `org:resultedFrom` event.
 */
export function describeChanges(changes: readonly Change[], ctx: ImportContext, out: QuadList): void {
  for (const { oldCode, newCode, date } of changes) {
    const event = ctx.iris.changeEvent(oldCode, newCode)
    const before = ctx.iris.agency(oldCode)
    const after = ctx.iris.agency(newCode)
    out.add(event, RDF.type, ORG.ChangeEvent, after)
    out.add(event, ORG.originalOrganization, before, after)
    out.add(event, ORG.resultingOrganization, after, after)
    if (date !== undefined) out.add(event, DCT.date, dateLiteral(date), after)
    out.add(before, ORG.changedBy, event, before)
    out.add(after, ORG.resultedFrom, event, after)
  }
}

/**
 * A minimal node, in its own graph, for a code the list refers to but does not contain (a parent, a
 * predecessor older than the list, a successor newer than it): typed ogd:UnresolvedAgent with its code and
 * the name the referring row gives (or, when it gives none, the bare code as an untagged label, since the
 * shapes require a name). It carries no ogd:isAbolished: its status is unknown.
 */
export function describeUnresolved(unresolved: UnresolvedCodes, ctx: ImportContext, out: QuadList): void {
  for (const [code, name] of unresolved) {
    const agent = ctx.iris.agency(code)
    out.add(agent, RDF.type, FOAF.Agent, agent)
    out.add(agent, RDF.type, ORG.Organization, agent)
    out.add(agent, RDF.type, ctx.iris.ogd.UnresolvedAgent, agent)
    out.add(agent, DCT.identifier, stringLiteral(code), agent)
    const label = name === '' ? stringLiteral(code) : zhLiteral(name)
    out.add(agent, FOAF.name, label, agent)
    out.add(agent, SKOS.prefLabel, label, agent)
  }
}

/** Remember an unlisted code; the first non-empty name given for it wins. */
function noteUnresolved(unresolved: UnresolvedCodes, code: string, name: string): void {
  if (!unresolved.get(code)) unresolved.set(code, name)
}
