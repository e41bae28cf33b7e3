import { methodCard } from '../lib/api-connector-card.ts'

export default methodCard({
  method: 'PUT',
  description: 'Performs an HTTP PUT request, returning the result of this request and the response headers. Body\'s fields are sent as a JSON object, text as it is.',
  examples: [
    { title: 'replaces a record with Body\'s fields', inputs: { URL: 'https://api.example.com/v1/records/42', Body: { name: 'Jane Doe', team: 'IT' } }, outputs: { 'Status Code': 200, Headers: {}, Body: {} } },
    { title: 'refuses a header the request sets itself', inputs: { URL: 'https://api.example.com/v1/records/42', Headers: { 'Content-Length': '1' } }, error: 'Content-Length is set from the request itself' },
  ],
})
