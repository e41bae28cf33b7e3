/** The http family: every card and trigger it registers. Add a card here and in its own file. */
import apiEndpoint from './api-endpoint.ts'

export const triggers = [apiEndpoint]
