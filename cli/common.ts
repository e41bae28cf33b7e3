/** What every subcommand shares: exit codes, error printing, reading JSON with a location. */
import { readFileSync } from 'node:fs'
import { type ParseError, parse as parseJson } from 'jsonc-parser'
import { type CardflowError, InputError } from '../engine/errors.ts'
import { describeJsonError, lineCol } from './json-errors.ts'

/** 0 succeeded or stopped, 1 a run failed, 2 the flow, the input or the command line is wrong. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const

export function printErrors(errors: readonly CardflowError[]): void {
  for (const e of errors) process.stderr.write(`${e.describe()}\n`)
}


/** Parses a JSON file; a syntax error names `file:line:col`. */
export function readJsonFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new InputError(`cannot read input: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { file, line: 1, col: 1 })
  }
  const errors: ParseError[] = []
  const value: unknown = parseJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  const first = errors[0]
  if (first) throw new InputError(`not valid JSON: ${describeJsonError(text, first)}`, { file, ...lineCol(text, first.offset) })
  return value
}

export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
}
