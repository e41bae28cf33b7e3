/**
 * `flow okta hooks apply`: creates or replaces the event hook so that it matches the served
 * flows, has Okta verify it (Okta calls flow serve's /hooks/okta), and activates it. Running it
 * again changes nothing when nothing changed.
 */
import type { Command } from 'commander'
import type { EventHook } from '../connectors/okta/event-hooks.ts'
import { renderPlan } from '../connectors/okta/hook-plan-text.ts'
import { hookBody, MAX_EVENT_TYPES, MAX_HOOKS, upToDate } from '../connectors/okta/hook-plan.ts'
import { CardflowError, ConfigError, ConnectorError } from '../engine/errors.ts'
import { EXIT } from './common.ts'
import { type HooksContext, type HooksFlags, hooksOptions, InvalidFlows, type Out, prepare, STDIO } from './okta-hooks.ts'

export function registerHooksApply(hooks: Command): void {
  hooksOptions(hooks.command('apply').description('create or update the event hook in Okta, verify and activate it'))
    .option('--update-secret', "send the secret header's value again (after changing OKTA_HOOK_SECRET)")
    .action(async (flags: HooksFlags) => {
      process.exitCode = await applyCommand(flags)
    })
}

/** 0 when the hook matches the flows (now or already); 1 when Okta refused; 2 for a wrong flow or option. */
export async function applyCommand(flags: HooksFlags, io: Out = STDIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const ctx = await prepare(flags, env)
    io.out(`${renderPlan(ctx.orgUrl, ctx.current, ctx.desired, ctx.diff, ctx.secretFrom)}\n`)
    if (upToDate(ctx.diff)) return EXIT.ok
    const hook = await apply(ctx, (line) => io.out(`${line}\n`))
    io.out(`Event hook "${hook.name}" (${hook.id}) is ${hook.status} and ${hook.verificationStatus}.\n`)
    return EXIT.ok
  } catch (err) {
    return hooksFailure(err, io)
  }
}

async function step<T>(what: string, run: () => Promise<T>, hint: (detail: string) => string | undefined): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof ConnectorError) {
      const detail = err.message.replace(/^okta: /, '')
      const advice = hint(detail)
      throw new ConnectorError('okta', `${what}: ${detail}${advice ? `. ${advice}` : ''}`, { retryable: err.retryable })
    }
    throw err
  }
}

export async function apply(ctx: HooksContext, say: (line: string) => void): Promise<EventHook> {
  const { api, diff, desired } = ctx
  if (desired.needs.length === 0) throw new ConfigError('no served flow has an Okta event trigger: there is no event type to subscribe to')
  if (desired.needs.length > MAX_EVENT_TYPES) throw new ConfigError(`the flows need ${desired.needs.length} event types; one Okta event hook takes at most ${MAX_EVENT_TYPES}`)
  const body = hookBody(desired, ctx.secret)
  // Okta names the field it refuses; only a refused filter gets this advice
  const filterHint = (detail: string) =>
    body.events.filter && /filter/i.test(detail) ? 'Event hook filters are an Early Access feature of Okta: turn it on, or run with --no-filters (the engine filters anyway).' : undefined
  let hook: EventHook
  if (diff.create) {
    if (ctx.hooks.length >= MAX_HOOKS) throw new ConfigError(`the org has ${ctx.hooks.length} event hooks; Okta allows ${MAX_HOOKS}`)
    hook = await step('creating the event hook', () => api.create(body), filterHint)
    say(`created ${hook.id}`)
  } else if (diff.write) {
    hook = await step('replacing the event hook', () => api.replace(ctx.current!.id, body), filterHint)
    say(`replaced ${hook.id}`)
  } else {
    hook = ctx.current!
  }
  if (diff.needsVerify || hook.verificationStatus !== 'VERIFIED') {
    hook = await step(`Okta could not verify ${desired.uri}`, () => api.verify(hook.id), () => 'Is flow serve running and reachable from Okta at that URL?')
    say(`verified ${desired.uri}`)
  }
  if (hook.status !== 'ACTIVE') {
    hook = await api.activate(hook.id)
    say(`activated ${hook.id}`)
  }
  return hook
}

/** Prints the failure; 2 for a wrong flow or option, 1 for what Okta refused. */
export function hooksFailure(err: unknown, io: Out): number {
  if (err instanceof InvalidFlows) {
    for (const p of err.problems) io.err(`${p.describe()}\n`)
    io.err('fix the flow files first: the hook would miss the events of an invalid flow\n')
    return EXIT.invalid
  }
  if (err instanceof ConfigError || (err instanceof CardflowError && err.code === 'CONNECTION_MISSING')) {
    io.err(`${err.message}\n`)
    return EXIT.invalid
  }
  io.err(`${err instanceof Error ? err.message : String(err)}\n`)
  return EXIT.failed
}
