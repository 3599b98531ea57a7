/** /metrics reports how late the event loop runs (issue 10): the delay every route waits behind synchronous work. */
import { describe, expect, it } from 'vitest'
import { buildApp } from './support.ts'

const valueOf = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1])

describe('event loop delay on /metrics', () => {
  it('is_reported_in_seconds_with_help_and_type', async () => {
    const text = await (await buildApp().request('/metrics')).text()
    for (const name of ['min', 'max', 'mean', 'p50', 'p99']) {
      expect(text).toContain(`# TYPE nodejs_eventloop_lag_${name}_seconds gauge`)
      expect(valueOf(text, `nodejs_eventloop_lag_${name}_seconds`)).toBeGreaterThanOrEqual(0)
    }
  })

  it('shows_a_block_of_the_loop_and_then_the_next_scrape_starts_afresh', async () => {
    const app = buildApp()
    await app.request('/metrics')
    await new Promise((resolve) => setTimeout(resolve, 30))
    const until = performance.now() + 250
    while (performance.now() < until) { /* hold the event loop, as a synchronous serialiser would */ }
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(valueOf(await (await app.request('/metrics')).text(), 'nodejs_eventloop_lag_max_seconds')).toBeGreaterThanOrEqual(0.1)
    expect((await app.request('/health')).status).toBe(200)
  })
})
