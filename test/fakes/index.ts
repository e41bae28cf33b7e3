/** Fakes of the outside services, for any test suite: start one, point the real client at `url`. */
export { type FakeGmail, GMAIL_TOKEN, startFakeGmail } from './fake-gmail.ts'
export { GRAPH_TOKEN, startFakeGraph } from './fake-graph.ts'
export { type FakeOAuth, type FakeOAuthOptions, startFakeOAuth } from './fake-oauth.ts'
export { type FakeHttpApi, OAUTH_CLIENT, PETS_PAGE_2, startFakeHttpApi } from './fake-http-api.ts'
export { type FakeOkta, type Obj, OKTA_TOKEN, type OktaOrg, SAMPLE_USER, startFakeOkta } from './fake-okta.ts'
export { bearer, type FakeServer, type RecordedRequest, startFakeServer, type Trouble } from './fake-server.ts'
export { type FakeSlack, SLACK_TOKEN, type SlackTrouble, startFakeSlack } from './fake-slack.ts'
export { decodeWords, mimeBody, mimeHeaders } from './mime.ts'
