/** Reading flow files: text to plan, with every problem located. */
import { readdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { type CheckResult, checkFlow } from './check.ts'
import { FlowSyntaxError } from './errors.ts'
import { parseYaml } from './parse.ts'
import type { Registry } from './registry.ts'

export function loadFlowSource(text: string, file: string, registry: Registry): CheckResult {
  const parsed = parseYaml(text, file)
  if (!parsed.root) return { errors: parsed.errors }
  return checkFlow(parsed.root, file, registry)
}

export async function loadFlowFile(file: string, registry: Registry): Promise<CheckResult> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    return { errors: [new FlowSyntaxError(`cannot read flow: ${reason}`, { file, line: 1, col: 1 })] }
  }
  return loadFlowSource(text, file, registry)
}

export function isFlowFile(name: string): boolean {
  return /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name)
}

/** The flow files of a directory, sorted (test files excluded). */
export function flowFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter(isFlowFile)
    .sort()
    .map((name) => join(dir, name))
}

/** `flows/app-unassignment-email-hook.yaml` → `app-unassignment-email-hook`: the flow's URL name. */
export function flowSlug(file: string): string {
  return basename(file, extname(file))
}
