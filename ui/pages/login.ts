/** The small sign-in form for the admin token, and where to go back to afterwards. */
import { type Html, html } from '../html.ts'

/** Only a path of this UI: never another site (an open redirect) and never `//host`. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/ui') || value.startsWith('//') || /[\\\r\n]/.test(value)) return '/ui'
  return value
}

export function loginPage(next: string, note: string | undefined, withForm = true): Html {
  const form = html`<form method="post" action="/ui/login"><input type="hidden" name="next" value="${next}">
<label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button class="primary" type="submit">Sign in</button></form>`
  return html`<div class="login"><h1>Sign in</h1>
${note ? html`<p class="message" data-role="login-note">${note}</p>` : ''}
${withForm ? form : html`<p>This server asks for a user name and password (HTTP basic authentication).</p>`}
<p class="muted">Flow history holds personal data; the server's operator gives out the token (CARDFLOW_UI_TOKEN).</p></div>`
}
