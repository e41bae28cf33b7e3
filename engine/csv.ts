/**
 * CSV as RFC 4180 writes it: fields with the delimiter, a quote or a line break are quoted, quotes
 * doubled. One pass over the text, no regular expressions, so hostile text costs linear time.
 */

/** CSV text longer than this is refused (a table holds small, short-lived data). */
export const MAX_CSV_CHARS = 20 * 1024 * 1024

export function csvDelimiter(delimiter: string | undefined): string {
  const d = delimiter === undefined || delimiter === '' ? ',' : delimiter
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r') throw new Error(`a CSV delimiter is one character other than a quote or a line break (got ${JSON.stringify(delimiter)})`)
  return d
}

/** Records of fields; a trailing line break does not make an empty record. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  if (text.length > MAX_CSV_CHARS) throw new Error(`CSV text is longer than ${MAX_CSV_CHARS} characters`)
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let line = 1
  const endField = () => {
    record.push(field)
    field = ''
  }
  const endRecord = () => {
    endField()
    records.push(record)
    record = []
  }
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        if (ch === '\n') line++
        field += ch
      }
      i++
      continue
    }
    if (ch === '"' && field === '') quoted = true
    else if (ch === delimiter) endField()
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord()
      line++
      i++
    } else if (ch === '\n' || ch === '\r') {
      endRecord()
      line++
    } else field += ch
    i++
  }
  if (quoted) throw new Error(`CSV line ${line}: a quoted field is not closed`)
  if (field !== '' || record.length > 0) endRecord()
  return records
}

function csvField(value: unknown, delimiter: string): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
  const needsQuotes = text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r') || text !== text.trim()
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text
}

/** A header and rows of values (by header name) as CSV text, CRLF line ends as RFC 4180 says. */
export function toCsv(header: readonly string[], rows: readonly Record<string, unknown>[], delimiter = ','): string {
  const lines = [header.map((h) => csvField(h, delimiter)).join(delimiter)]
  for (const row of rows) lines.push(header.map((h) => csvField(row[h], delimiter)).join(delimiter))
  return `${lines.join('\r\n')}\r\n`
}

/** CSV text with a header line as objects by header name; a record with more fields than the header is an error. */
export function csvObjects(text: string, delimiter = ','): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parseCsv(text, delimiter)
  if (!header) return { header: [], rows: [] }
  const rows = records
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r, i) => {
      if (r.length > header.length) throw new Error(`CSV record ${i + 2} has ${r.length} fields, the header ${header.length}`)
      return Object.fromEntries(header.map((h, j) => [h, r[j] ?? '']))
    })
  return { header, rows }
}
