/**
 * Rounding to decimal places on the number's decimal digits, not its binary value: 1.005 to two
 * places is 1.01 (1.005 × 100 is 100.49999… in binary, which a plain Math.round would take down).
 */
export type Rounding = 'nearest' | 'up' | 'down'

const ROUND: Record<Rounding, (n: number) => number> = { nearest: Math.round, up: Math.ceil, down: Math.floor }

/** n × 10^places, by moving the decimal point in n's shortest decimal form. */
function shift(n: number, places: number): number {
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string]
  return Number(`${mantissa}e${Number(exponent) + places}`)
}

export function roundTo(n: number, places: number, how: Rounding = 'nearest'): number {
  const out = shift(ROUND[how](shift(n, places)), -places)
  return out === 0 ? 0 : out // no -0
}
