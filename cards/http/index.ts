/** The http family: every card and trigger it registers. Add a card here and in its own file. */
import apiEndpoint from './api-endpoint.ts'
import close from './close.ts'
import del from './delete.ts'
import get from './get.ts'
import patch from './patch.ts'
import post from './post.ts'
import put from './put.ts'
import rawRequest from './raw-request.ts'

export const triggers = [apiEndpoint]
export const cards = [get, post, put, patch, del, rawRequest, close]
