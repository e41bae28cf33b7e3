/**
 * Get, Post, Put, Patch and Delete are one card each with the same shape: URL, Query, Headers
 * (and Body, but for Get) in; Status Code, Headers and Body out. Each card's file gives its
 * method, its words and its examples; this builds the rest.
 */
import { Type } from '@sinclair/typebox'
import { http, type HttpMethod } from '../../connectors/http/index.ts'
import { type CardExample, defineCard } from '../../engine/card.ts'
import { mapped } from '../../importer/mapping.ts'
import {
  buildRequest,
  exportedObject,
  exportedText,
  HEADERS_INPUT,
  IDEMPOTENT,
  jsonBody,
  parsedBody,
  QUERY_INPUT,
  RESPONSE_OUTPUTS,
  send,
  URL_INPUT,
} from './api-connector.ts'

export interface MethodCardOptions {
  method: HttpMethod
  /** What the card does, in Okta's words first. */
  description: string
  examples: CardExample[]
}

const BODY_INPUT = Type.Optional(
  Type.Unknown({ description: 'The request body: an object or a list goes as JSON (`Content-Type: application/json`), text as it is.' }),
)

export function methodCard(o: MethodCardOptions) {
  const { method } = o
  const name = method.charAt(0) + method.slice(1).toLowerCase()
  const retried = IDEMPOTENT[method] ? 'Retried after a 5xx, a dropped connection or a timeout, as it is idempotent' : 'Not retried after a 5xx, a dropped connection or a timeout, as it may have gone through'
  return defineCard({
    type: `http.${name.toLowerCase()}`,
    title: `API Connector - ${name}`,
    description: `${o.description} A 4xx or 5xx answer fails the card with its status (catch it with If Error); redirects are not followed. ${retried}; a 429 is retried after its Retry-After.`,
    kind: 'connector',
    connector: http,
    inputs: Type.Object({
      URL: URL_INPUT,
      Query: QUERY_INPUT,
      Headers: HEADERS_INPUT,
      ...(method !== 'GET' && { Body: BODY_INPUT }),
    }),
    outputs: Type.Object({
      ...RESPONSE_OUTPUTS,
      Body: Type.Unknown({ description: 'The response body: a JSON answer as an object or list, any other as text, none as null.' }),
    }),
    examples: o.examples,
    okta: {
      keys: [`httpfunctions:${name.toLowerCase()}`],
      map: (v) =>
        mapped({
          URL: exportedText(v, 'URL'),
          Query: exportedObject(v, 'Query'),
          Headers: exportedObject(v, 'Headers'),
          ...(method !== 'GET' && { Body: exportedObject(v, 'Body') }),
        }),
    },
    async run(ctx, inputs) {
      const given = inputs as { URL: string; Query?: Record<string, unknown> | string; Headers?: Record<string, unknown>; Body?: unknown }
      const built = buildRequest(ctx.cardId, method, given, jsonBody(given.Body))
      if (!built.request.headers['accept']) built.request.headers['accept'] = 'application/json'
      const answer = await send(ctx, method, built, () => ({ status: method === 'DELETE' ? 204 : 200, headers: {}, text: method === 'DELETE' ? '' : '{}' }))
      return { 'Status Code': answer.status, Headers: answer.headers, Body: parsedBody(answer) }
    },
  })
}
