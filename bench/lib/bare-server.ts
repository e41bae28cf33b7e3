/**
 * The baseline: express parsing the JSON body of a hook delivery and answering 200, storing
 * nothing. What this machine's HTTP stack takes, before any engine does any work.
 */
import type { AddressInfo } from 'node:net'
import express from 'express'

const app = express()
app.disable('x-powered-by')
app.post('/hooks/okta', express.json({ limit: '1mb' }), (_req, res) => {
  res.status(200).end()
})
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }))
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
