/**
 * Okta pages its lists with cursors in `Link` headers. The next page's URL is taken as Okta gave
 * it ("follow these Link header values instead of constructing your own URLs"); the list ends
 * when there is no `rel="next"`. Okta sends one `Link` header per relation or one comma-joined
 * header, and fetch joins repeated headers with ", ": both read the same here.
 */

/** The `rel="next"` URL of a response's `Link` header(s), or undefined on the last page. */
export function nextLink(link: string | undefined): string | undefined {
  if (!link) return undefined
  for (const m of link.matchAll(/<([^>]*)>([^<]*)/g)) {
    const params = m[2] ?? ''
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params)
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/)
    if (rels.includes('next') && m[1]) return m[1]
  }
  return undefined
}

/** Okta's most per page for most lists (users, groups, members, apps' users and groups). */
export const PAGE_SIZE = 200

/**
 * Pages a list may take before the card stops, whatever the limit: Okta's Record Limit goes to
 * 1,000,000, which is 5,000 pages of 200, and a list whose server keeps giving `next` (the System
 * Log without `until`) must end somewhere.
 */
export const MAX_PAGES = 5_000
