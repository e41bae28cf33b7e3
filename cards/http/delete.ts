import { methodCard } from '../lib/api-connector-card.ts'

export default methodCard({
  method: 'DELETE',
  description: 'Performs an HTTP DELETE request, returning the result of this request and the response headers. It takes an optional body, query and headers.',
  examples: [
    { title: 'deletes a record; an empty answer gives a null Body', inputs: { URL: 'https://api.example.com/v1/records/42' }, outputs: { 'Status Code': 204, Headers: {}, Body: null } },
    { title: 'refuses a URL that is not a URL', inputs: { URL: 'records/42' }, error: 'neither an absolute http(s) URL nor a path starting with "/"' },
  ],
})
