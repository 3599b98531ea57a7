/** Usage statistics (瀏覽人次, 下載次數) as schema:InteractionCounter, and 資料集評分 as schema:AggregateRating. */
import { DataFactory, type NamedNode } from 'n3'
import { RDF, SCHEMA, XSD } from '../vocab/index.ts'
import type { RecordBuilder } from './catalog-entry.ts'

const { literal } = DataFactory
const integer = (n: number) => literal(String(n), XSD.integer)

function addCounter(b: RecordBuilder, name: string, action: NamedNode, count: number, observedOn?: string): void {
  const counter = b.iris.part(b.dataset, name)
  b.add(b.dataset, SCHEMA.interactionStatistic, counter)
  b.add(counter, RDF.type, SCHEMA.InteractionCounter)
  b.add(counter, SCHEMA.interactionType, action)
  b.add(counter, SCHEMA.userInteractionCount, integer(count))
  if (observedOn) b.add(counter, SCHEMA.observationDate, literal(observedOn, XSD.date))
}

/** Counts are facts of one moment: each carries the date it was read, when the source says. */
export function addUsage(b: RecordBuilder): void {
  const usage = b.entry.usage
  if (!usage) return
  if (usage.views !== undefined) addCounter(b, 'views', SCHEMA.ViewAction, usage.views, usage.observedOn)
  if (usage.downloads !== undefined) addCounter(b, 'downloads', SCHEMA.DownloadAction, usage.downloads, usage.observedOn)
  if (usage.rating === undefined) return
  // 資料集評分 is 0–100 (values seen: 20, 40, 60, 80, 100: one to five stars × 20).
  const rating = b.iris.part(b.dataset, 'rating')
  b.add(b.dataset, SCHEMA.aggregateRating, rating)
  b.add(rating, RDF.type, SCHEMA.AggregateRating)
  b.add(rating, SCHEMA.ratingValue, integer(usage.rating))
  b.add(rating, SCHEMA.bestRating, integer(100))
  b.add(rating, SCHEMA.worstRating, integer(0))
  b.count('withRating')
}
