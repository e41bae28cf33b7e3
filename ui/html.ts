/**
 * HTML that cannot forget to escape: `html` escapes every interpolated value unless it is
 * already Html (built by `html` itself or `trusted` markup such as our own SVG). Event data,
 * card outputs and error messages all pass through here, so a `<script>` in them stays text.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!)
}

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Part = Html | string | number | boolean | null | undefined | readonly Part[]

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof Html) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(String(part))
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? ''
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '')
  })
  return new Html(out)
}

/** Markup we generated ourselves from escaped parts (the flow SVG). */
export function trusted(markup: string): Html {
  return new Html(markup)
}

export interface PageOptions {
  title: string
  /** Per-response nonce: the one inline <style> the CSP allows. */
  nonce: string
  body: Html
  /** Shows the logout button when the visitor signed in with the form. */
  signedIn?: boolean
  csrf?: string
}

export function page(o: PageOptions): string {
  const logout = o.signedIn
    ? html`<form method="post" action="/ui/logout" class="logout"><input type="hidden" name="csrf" value="${o.csrf}"><button>Sign out</button></form>`
    : ''
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>${o.title} · cardflow</title><style nonce="${o.nonce}">${trusted(CSS)}</style></head>
<body><header><a class="brand" href="/ui">cardflow</a><nav><a href="/ui">Flows</a><a href="/ui/runs">Flow History</a></nav>${logout}</header>
<main>${o.body}</main></body></html>`}`
}

/** Pretty JSON for a value shown in a <pre>; `html` escapes it when interpolated. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined'
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return ''
  if (ms < 10) return `${ms.toFixed(2)} ms`
  if (ms < 10_000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(1)} s`
}

/** Times as UTC ISO without milliseconds: the same for every visitor, and sortable. */
export function when(iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

export function statusBadge(status: string): Html {
  return html`<span class="status status-${status}">${status}</span>`
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#202124;background:#f6f7f9}
header{display:flex;align-items:center;gap:24px;padding:10px 24px;background:#1f2937;color:#fff}
header a{color:#e5e7eb;text-decoration:none}header a:hover{color:#fff}
.brand{font-weight:700;font-size:16px;color:#fff}
nav{display:flex;gap:16px;flex:1}
.logout button{background:none;border:1px solid #6b7280;color:#e5e7eb;border-radius:4px;padding:3px 10px;cursor:pointer}
main{padding:20px 24px;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
.muted{color:#5f6368}
a{color:#1a56db}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e0e3e7}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #eceef1;vertical-align:top}
th{background:#f1f3f4;font-weight:600;font-size:13px}
.runs td:not(:last-child){white-space:nowrap}
.status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#eceef1}
.status-succeeded{background:#e6f4ea;color:#137333}.status-failed{background:#fce8e6;color:#a50e0e}
.status-stopped{background:#fef7e0;color:#8a4b00}.status-skipped{color:#80868b}
.status-queued,.status-running{background:#e8f0fe;color:#1a56db}.status-waiting{background:#fef7e0;color:#8a4b00}
.filters{display:flex;gap:10px;align-items:end;margin:12px 0;flex-wrap:wrap}
.filters label{display:flex;flex-direction:column;font-size:12px;color:#5f6368}
select,input,button{font:inherit;padding:4px 8px;border:1px solid #c0c4c9;border-radius:4px;background:#fff}
button.primary{background:#1a56db;color:#fff;border-color:#1a56db;cursor:pointer}
.graph{background:#fff;border:1px solid #e0e3e7;padding:12px;overflow:auto}
.card{background:#fff;border:1px solid #e0e3e7;border-left:4px solid #c0c4c9;margin:8px 0;padding:8px 12px}
.card.failed{border-left-color:#c5221f}.card.succeeded{border-left-color:#188038}
.card.stopped{border-left-color:#b06000}.card.skipped{opacity:.6}
.card h3{margin:0;font-size:15px;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.depth-1{margin-left:28px}.depth-2{margin-left:56px}.depth-3{margin-left:84px}
.error{background:#fce8e6;border:1px solid #f4b4ae;color:#a50e0e;padding:8px 12px;border-radius:4px;margin:8px 0;white-space:pre-wrap}
.message{background:#fef7e0;border:1px solid #f9d88c;color:#6b3f00;padding:8px 12px;border-radius:4px;margin:8px 0}
.io{display:grid;grid-template-columns:1fr 1fr;gap:12px}
pre{background:#f8f9fa;border:1px solid #eceef1;padding:8px;margin:4px 0;overflow:auto;max-height:320px;font-size:12px;white-space:pre-wrap;word-break:break-word}
.meta{display:flex;gap:24px;flex-wrap:wrap;margin:8px 0}
.meta div{display:flex;flex-direction:column}.meta b{font-size:12px;color:#5f6368;font-weight:500}
.pager{display:flex;gap:16px;margin:12px 0}
.login{max-width:360px;margin:60px auto;background:#fff;border:1px solid #e0e3e7;padding:24px}
.login input{width:100%;margin:8px 0 16px}
`
