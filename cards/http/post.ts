import { methodCard } from '../lib/api-connector-card.ts'

const OK = { 'Status Code': 200, Headers: {}, Body: {} }

export default methodCard({
  method: 'POST',
  description:
    'Performs an HTTP POST request, returning the result of this request and the response headers. Each field of ' +
    'Body becomes a key of the JSON object sent; to send a list or other text (a form, XML), give Body as text or use Raw Request.',
  examples: [
    { title: 'posts Body\'s fields as a JSON object', inputs: { URL: 'https://api.example.com/v1/leads', Body: { name: 'Jane Doe', email: 'jane@example.com' } }, outputs: OK },
    {
      title: 'posts a form as text with its Content-Type (as Okta\'s Twilio template does)',
      inputs: {
        URL: 'https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json',
        Headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        Body: 'To=%2B15551234567&From=%2B15557654321&Body=Your+code+is+4711',
      },
      outputs: OK,
    },
    { title: 'refuses a URL holding a password', inputs: { URL: 'https://admin:hunter22@api.example.com/v1/leads', Body: {} }, error: 'put credentials in the connection' },
  ],
})
