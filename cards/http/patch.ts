import { methodCard } from '../lib/api-connector-card.ts'

export default methodCard({
  method: 'PATCH',
  description: 'Performs an HTTP PATCH request, returning the result of this request and the response headers. Body\'s fields are sent as a JSON object, text as it is.',
  examples: [
    { title: 'changes one field of a record', inputs: { URL: 'https://api.example.com/v1/records/42', Body: { title: 'Manager' } }, outputs: { 'Status Code': 200, Headers: {}, Body: {} } },
    { title: 'sends a list as JSON', inputs: { URL: 'https://api.example.com/v1/records/42/tags', Body: ['vip', 'emea'] }, outputs: { 'Status Code': 200, Headers: {}, Body: {} } },
  ],
})
