import { closest, distance } from 'fastest-levenshtein'

/** ` (did you mean "x"?)` when a candidate is close enough to be a likely typo, else ''. */
export function suggest(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return ''
  const lower = word.toLowerCase()
  const sameButCase = candidates.find((c) => c.toLowerCase().replace(/\s+/g, '') === lower.replace(/\s+/g, ''))
  if (sameButCase) return ` (did you mean "${sameButCase}"?)`
  const best = closest(word, [...candidates])
  const limit = Math.max(2, Math.floor(word.length / 3))
  return distance(word, best) <= limit ? ` (did you mean "${best}"?)` : ''
}
