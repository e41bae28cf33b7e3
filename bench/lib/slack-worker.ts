/**
 * The fake Slack of test/fakes in a worker thread, so answering the engines' messages does not
 * compete with the load generator's event loop. It keeps only a running count of
 * chat.postMessage calls that Slack accepted (the fake's request log is emptied as it goes).
 */
import { parentPort } from 'node:worker_threads'
import { startFakeSlack } from '../../test/fakes/fake-slack.ts'
import { SLACK_CHANNEL, SLACK_TOKEN } from './okta.ts'

const slack = await startFakeSlack({ token: SLACK_TOKEN, channels: { [SLACK_CHANNEL]: 'C0PROFILES' } })
let messages = 0
let refused = 0
parentPort!.on('message', (m: 'count' | 'close') => {
  if (m === 'close') return void slack.close().then(() => process.exit(0))
  for (const r of slack.requests.splice(0)) {
    if (r.path === '/api/chat.postMessage' && r.form?.get('channel') === `#${SLACK_CHANNEL}`) messages++
    else refused++
  }
  parentPort!.postMessage({ messages, refused })
})
parentPort!.postMessage({ url: slack.url })
