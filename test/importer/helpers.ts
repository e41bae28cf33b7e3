/** Shared by the importer tests: import an export and load its flows as plans, helper flows by name. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FlowPlan } from '../../engine/check.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { type ImportedFlow, importFlopack } from '../../importer/index.ts'
import { registry } from '../../cards/index.ts'

import { SHARED } from '../helpers.ts'

/** Okta's template exports in ../shared, one folder per template holding `workflow.flopack`. */
export const TEMPLATES = join(SHARED, 'okta-templates')
export const template = (name: string) => join(TEMPLATES, name, 'workflow.flopack')
export const sample = (name: string) => join(SHARED, 'okta-samples', name)

export function importFile(path: string | URL): ImportedFlow[] {
  return importFlopack(readFileSync(path, 'utf8'), String(path), registry)
}

/** Every imported flow checked; a flow that does not check fails the test with its problems. */
export function plansOf(flows: ImportedFlow[]): Map<string, FlowPlan> {
  const plans = new Map<string, FlowPlan>()
  for (const f of flows) {
    const { plan, errors } = loadFlowSource(f.yaml, f.file, registry)
    if (!plan) throw new Error(`${f.file} does not validate:\n${errors.map((e) => e.describe()).join('\n')}\n${f.yaml}`)
    plans.set(plan.name, plan)
  }
  return plans
}
