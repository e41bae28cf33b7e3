/** Printing figures the same way in every bench. */
export const SHORT = process.argv.includes('--short')

/** The whole number after `--name` on the command line (at least 1), or `fallback` without the flag. */
export function countFlag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  const n = at > 0 ? Number(process.argv[at + 1]) : fallback
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number, at least 1`)
  return n
}

export const num = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
export const mib = (bytes: number) => `${num(bytes / 1024 / 1024, 1)} MiB`

export function row(label: string, ...cells: string[]): void {
  console.log(`  ${label.padEnd(34)} ${cells.map((c) => c.padStart(14)).join(' ')}`)
}

export function ratio(label: string, a: number, b: number, aim?: string): void {
  console.log(`  ratio ${label} = ${num(a / b, 2)}x${aim ? ` (aim: ${aim})` : ''}`)
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** A ratio measured in each round: its median, and the range when there are several. */
export function roundsRatio(label: string, ratios: readonly number[], aim?: string): void {
  const range = ratios.length > 1 ? `, rounds ${num(Math.min(...ratios), 2)}x to ${num(Math.max(...ratios), 2)}x` : ''
  console.log(`  ratio ${label} = ${num(median(ratios), 2)}x${range}${aim ? ` (aim: ${aim})` : ''}`)
}

export async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms))
}
