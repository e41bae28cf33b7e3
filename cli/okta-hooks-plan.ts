/** `flow okta hooks plan`: what the served flows need of the Okta event hook, and how that differs from Okta's. Changes nothing. */
import type { Command } from 'commander'
import { renderPlan } from '../connectors/okta/hook-plan-text.ts'
import { upToDate } from '../connectors/okta/hook-plan.ts'
import { EXIT } from './common.ts'
import { type HooksFlags, hooksOptions, type Out, prepare, STDIO } from './okta-hooks.ts'
import { hooksFailure } from './okta-hooks-apply.ts'

export type PlanFlags = HooksFlags & { exitCode?: boolean }

/** 0, or 3 with --exit-code when apply would change something; 1 or 2 on failure. */
export async function plan(flags: PlanFlags, io: Out = STDIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const ctx = await prepare(flags, env)
    io.out(`${renderPlan(ctx.orgUrl, ctx.current, ctx.desired, ctx.diff, ctx.secretFrom)}\n`)
    return flags.exitCode && !upToDate(ctx.diff) ? 3 : EXIT.ok
  } catch (err) {
    return hooksFailure(err, io)
  }
}

export function registerHooksPlan(hooks: Command): void {
  hooksOptions(hooks.command('plan').description('show how the event hook in Okta differs from what the served flows need (changes nothing)'))
    .option('--exit-code', 'exit 3 when apply would change something (for CI)')
    .action(async (flags: PlanFlags) => {
      process.exitCode = await plan(flags)
    })
}
