import { methodCard } from '../lib/api-connector-card.ts'

const PETS = 'http://petstore-demo-endpoint.execute-api.com/petstore/pets'
const OK = { 'Status Code': 200, Headers: {}, Body: {} }

export default methodCard({
  method: 'GET',
  description: 'Performs an HTTP GET request, returning the result of this request and the response headers.',
  examples: [
    { title: 'gets a page of dogs from the Pet Store API (Okta\'s tutorial)', inputs: { URL: PETS, Query: { type: 'Dog', page: '2' }, Headers: { Accept: 'application/json' } }, outputs: OK },
    { title: 'gets a path under the connection\'s baseUrl', inputs: { URL: '/api/v2/users/42' }, outputs: OK },
    { title: 'takes the query as text too', inputs: { URL: PETS, Query: 'type=Cat&page=1' }, outputs: OK },
    { title: 'refuses a URL that is not http or https', inputs: { URL: 'file:///etc/passwd' }, error: 'only http and https URLs are allowed' },
    { title: 'refuses a header value holding a line break', inputs: { URL: PETS, Headers: { 'X-Note': 'a\r\nHost: evil.example' } }, error: 'the value of X-Note holds a line break' },
  ],
})
