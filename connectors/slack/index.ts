/** Slack: the bot token connection, the official WebClient, and how its failures read. */
import type { WebClient } from '@slack/web-api'
import { defineConnector } from '../../engine/connector.ts'
import { createSlackClient } from './client.ts'
import { classifySlackFailure } from './failures.ts'

export const slack = defineConnector<WebClient>({
  name: 'slack',
  title: 'Slack',
  fields: [
    { key: 'token', env: 'SLACK_BOT_TOKEN', secret: true, description: 'Bot token (`xoxb-…`) with `chat:write`.' },
    { key: 'apiUrl', env: 'SLACK_API_URL', description: 'Web API base URL; default `https://slack.com/api/`.' },
  ],
  needs: [['token']],
  createClient: (f, policy) => createSlackClient({ token: f['token']!, ...(f['apiUrl'] && { apiUrl: f['apiUrl'] }) }, policy.timeoutMs),
  classify: classifySlackFailure,
})
