import { deliver } from '../lib/load.ts'
import { deliveryJson, eventJson } from '../lib/okta.ts'
import { startCardflow, usage } from '../lib/procs.ts'
import { startSlack } from '../lib/slack.ts'
const EVENTS = Number(process.env.EVENTS ?? 1500)
for (const c of (process.env.CC ?? '4,16,64').split(',').map(Number)) {
  const slack = await startSlack()
  const sut = await startCardflow({ slackUrl: slack.url, concurrency: c, ...(process.env.PROF && { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${process.cwd()}/prof`] }) })
  let n = 0
  const body = () => { n++; return deliveryJson(`e2e-d${n}`, [eventJson('notify', n, 'e2e')]) }
  await deliver({ url: sut.url, body, connections: 8, amount: 300 })
  await slack.waitFor(300, 120000)
  const cpu0 = usage(sut.pid).cpuSeconds
  const t0 = performance.now()
  const load = await deliver({ url: sut.url, body, connections: 32, amount: EVENTS })
  await slack.waitFor(300 + EVENTS, 300000)
  const s = (performance.now() - t0) / 1000
  const cpu = usage(sut.pid).cpuSeconds - cpu0
  const db = await sut.stop()
  await slack.close()
  console.log(`c=${c}: ${(EVENTS / s).toFixed(0)} events/s, acks ${load.perSecond.toFixed(0)}/s p50 ${load.p50} p99 ${load.p99}, cpu ${(cpu * 1000 / EVENTS).toFixed(2)} ms/event, db ${(db / (EVENTS + 300) / 1000).toFixed(2)} KB/event`)
}
