/**
 * The web UI in a real browser (headless Chromium): sign in, read the flows, a flow's picture,
 * Flow History and single runs, and replay one. Screenshots go to test-results/ui/ for a person
 * to look at; the test only checks that they are real pictures of a decent size.
 */
import assert from 'node:assert/strict'
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { type Browser, chromium, type Page } from 'playwright-core'
import { ROOT } from '../helpers.ts'
import { HANG_MS } from '../wait.ts'
import { type FinishedRun, profileRun, SCRIPT_NAME, startUiEngine, UI_TOKEN, type UiEngine, waitFor } from './helpers.ts'

/** CHROMIUM_PATH when set, else `chromium` or `chromium-browser` found on the PATH. */
function findChromium(): string | undefined {
  const wanted = process.env.CHROMIUM_PATH
  if (wanted) {
    accessSync(wanted, constants.X_OK) // a path given on purpose that does not work is an error, not a skip
    return wanted
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) {
      try {
        accessSync(join(dir, name), constants.X_OK)
        return join(dir, name)
      } catch {
        // not in this directory
      }
    }
  }
  return undefined
}

const CHROMIUM = findChromium()
const SHOTS = join(ROOT, 'test-results', 'ui')
/** Each test skips by itself (and is counted): no chromium on the PATH and no CHROMIUM_PATH. */
const skip = CHROMIUM ? false : 'needs Chromium: chromium or chromium-browser on the PATH, or CHROMIUM_PATH (apt-get install chromium)'
if (skip) process.stderr.write(`test/ui/browser.test.ts: ${skip}; browser tests skipped\n`)

/** PNG signature, then width and height from the IHDR chunk. */
function pngSize(file: string): { width: number; height: number; bytes: number } {
  const buf = readFileSync(file)
  assert.equal(buf.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`)
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bytes: buf.length }
}

describe('web UI in Chromium', () => {
  let e: UiEngine
  let browser: Browser
  let page: Page
  let failed: FinishedRun
  let stopped: FinishedRun
  const problems: string[] = []

  const shot = async (name: string) => {
    const file = join(SHOTS, `${name}.png`)
    await page.screenshot({ path: file, fullPage: true })
    const size = pngSize(file)
    assert.equal(size.width, 1280)
    assert.ok(size.height >= 400, `${name}.png is ${size.height} px high`)
    // A blank page compresses to a few kB; a page with text and colour does not.
    assert.ok(size.bytes > 12_000, `${name}.png holds only ${size.bytes} bytes`)
  }

  before(async () => {
    if (skip) return
    mkdirSync(SHOTS, { recursive: true })
    e = await startUiEngine()
    await profileRun(e, 'title')
    failed = await profileRun(e, 'email', SCRIPT_NAME)
    stopped = await profileRun(e, 'nickName')
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      timeout: HANG_MS,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    // Playwright's waits (navigation, an element to appear) only bound a hang, like ours
    page.setDefaultTimeout(HANG_MS)
    page.setDefaultNavigationTimeout(HANG_MS)
    // An injected script would open a dialog; a CSP violation means the page broke its own policy.
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`)
      void d.dismiss()
    })
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`)
    })
  })
  after(async () => {
    await browser?.close()
    await e?.close()
  })

  it('refuses a visitor without credentials and shows the sign-in form', { skip }, async () => {
    await page.goto(`${e.url}/ui/runs/${failed.id}`)
    assert.match(new URL(page.url()).pathname, /^\/ui\/login$/)
    assert.equal(await page.locator('h1').textContent(), 'Sign in')
    assert.equal(await page.locator('[data-card]').count(), 0)
    await page.fill('#token', 'not-the-token')
    await page.click('button[type=submit]')
    // the refusal is a new page: wait for its note rather than read the old page
    await page.locator('[data-role=login-note]', { hasText: /not right/ }).waitFor()
    await shot('login')
  })

  it('signs in with the token and returns to the page asked for', { skip }, async () => {
    await page.goto(`${e.url}/ui/runs`)
    assert.match(new URL(page.url()).pathname, /^\/ui\/login$/)
    await page.fill('#token', UI_TOKEN)
    await page.click('button[type=submit]')
    await page.waitForURL((url) => url.pathname === '/ui/runs')
    assert.equal(await page.locator('tr[data-run]').count(), 3)
    assert.equal(await page.locator('tr[data-run] .status-failed').count(), 1)
    await shot('runs')
  })

  it('lists the flows with their state and draws a flow with its branches and connector card', { skip }, async () => {
    await page.goto(`${e.url}/ui`)
    const row = page.locator('tr[data-flow="profile-notify"]')
    assert.match(await row.innerText(), /Tell a user about a profile change[\s\S]*yes[\s\S]*3\s+1/)
    assert.match(await page.locator('tr[data-flow="broken"]').innerText(), /invalid/)
    await shot('flows')
    await row.locator('a').first().click()
    await page.waitForURL((url) => url.pathname === '/ui/flows/profile-notify')
    for (const id of ['event', 'greeting', 'worthTelling', 'onlyTitle', 'titleNote', 'post']) {
      assert.equal(await page.locator(`svg g[data-card="${id}"]`).first().isVisible(), true, id)
    }
    const [then, other] = [await page.locator('#card-titleNote').boundingBox(), await page.locator('#card-post').boundingBox()]
    const middle = (b: { y: number; height: number }) => b.y + b.height / 2
    assert.ok(then && other && Math.abs(middle(then) - middle(other)) < 1 && then.x < other.x, 'then and else side by side, then first')
    assert.equal(await page.locator('svg g[data-kind="connector"]').count(), 1)
    await shot('flow')
  })

  it('shows a failed run with the card error highlighted and event data as text', { skip }, async () => {
    await page.goto(`${e.url}/ui/runs/${failed.id}`)
    assert.match(await page.locator('#run-card-post [data-role=card-error]').innerText(), /CONNECTION_MISSING no slack connection configured/)
    assert.equal(await page.locator('#card-post.status-failed').count(), 1)
    assert.ok((await page.locator('[data-role=event]').innerText()).includes(SCRIPT_NAME.replaceAll('"', '\\"')))
    assert.ok((await page.locator('#run-card-greeting').innerText()).includes('<script>document.title'))
    assert.notEqual(await page.title(), 'pwned')
    assert.equal(await page.locator('main script, main img').count(), 0)
    await shot('run-failed')
  })

  it('shows the Continue If message of a stopped run, and replays it as a new run', { skip }, async () => {
    await page.goto(`${e.url}/ui/runs/${stopped.id}`)
    assert.match(await page.locator('[data-role=stop-message]').innerText(), /Only the nickname changed; nobody needs to know\./)
    await shot('run-stopped')
    await page.click('button:has-text("Replay")')
    await page.waitForURL((url) => url.pathname.startsWith('/ui/runs/') && url.pathname !== `/ui/runs/${stopped.id}`)
    const newId = decodeURIComponent(new URL(page.url()).pathname.replace('/ui/runs/', ''))
    assert.notEqual(newId, stopped.id)
    const replayed = await waitFor(async () => {
      const r = await e.engine.store.getRun(newId)
      return r && r.status !== 'queued' && r.status !== 'running' ? r : undefined
    }, 'the replayed run')
    assert.equal(replayed.replayOf, stopped.id)
    assert.equal(replayed.status, 'stopped')
    await page.reload()
    assert.match(await page.locator('.meta').innerText(), new RegExp(`replay of\\s+${stopped.id}`))
  })

  it('met no script dialog and no CSP violation on any page', { skip }, () => {
    assert.deepEqual(problems, [])
  })
})
