/** `flow schedule`: the next fire times of each scheduled flow of a directory, as `flow serve` would fire them. */
import { existsSync, statSync } from 'node:fs'
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { ConfigError } from '../engine/errors.ts'
import { flowFilesIn, flowSlug, loadFlowFile } from '../engine/load.ts'
import { EXIT, printErrors } from './common.ts'

interface ScheduleFlags {
  flows: string
  count: string
  from?: string
  json?: boolean
}

interface Listed {
  flow: string
  cron?: string
  timeZone?: string
  catchUp?: string
  next: string[]
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule')
    .description('list the next fire times of each scheduled flow (trigger control.scheduledFlow)')
    .option('--flows <dir>', 'directory of flow files', 'flows')
    .option('-n, --count <n>', 'fire times per flow', '5')
    .option('--from <time>', 'list the times after this ISO date and time (default now)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  flow schedule --flows examples/schedules\n  flow schedule --flows examples/schedules --count 3 --from 2026-03-07T12:00:00Z --json')
    .action(async (flags: ScheduleFlags) => {
      try {
        process.exitCode = await schedule(flags)
      } catch (err) {
        process.stderr.write(`flow schedule: ${(err as Error).message}\n`)
        process.exitCode = EXIT.invalid
      }
    })
}

async function schedule(flags: ScheduleFlags): Promise<number> {
  const count = Number(flags.count)
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new ConfigError(`--count must be a whole number from 1 to 1000 (got "${flags.count}")`)
  const from = flags.from === undefined ? new Date() : new Date(flags.from)
  if (Number.isNaN(from.getTime())) throw new ConfigError(`--from must be an ISO date and time (got "${flags.from}")`)
  if (!existsSync(flags.flows) || !statSync(flags.flows).isDirectory()) throw new ConfigError(`flows directory ${flags.flows} not found (--flows)`)
  let invalid = false
  const listed: Listed[] = []
  for (const file of flowFilesIn(flags.flows)) {
    const { plan, errors } = await loadFlowFile(file, registry)
    if (!plan) {
      printErrors(errors)
      invalid = true
      continue
    }
    const s = plan.trigger.def.schedule?.(plan.trigger.options)
    if (plan.trigger.def.type !== 'control.scheduledFlow' && !s) continue
    const next: string[] = []
    for (let at = s?.next(from); at && next.length < count; at = s?.next(at)) next.push(at.toISOString())
    listed.push({ flow: flowSlug(file), ...(s && { cron: s.cron, timeZone: s.timeZone, catchUp: s.catchUp }), next })
  }
  process.stdout.write(flags.json ? `${JSON.stringify(listed, null, 2)}\n` : text(listed))
  return invalid ? EXIT.invalid : EXIT.ok
}

function text(listed: Listed[]): string {
  if (listed.length === 0) return 'no scheduled flows\n'
  return listed
    .map((l) => {
      if (!l.cron) return `${l.flow}: no schedule (set \`every\` or \`cron\`); it runs only when started by hand\n`
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: l.timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' })
      const when = l.next.length === 0 ? '  no more fire times: the schedule has ended' : l.next.map((t) => `  ${t}  ${local.format(new Date(t))}`).join('\n')
      return `${l.flow}: ${l.cron} (${l.timeZone}, catchUp ${l.catchUp})\n${when}\n`
    })
    .join('')
}
