/**
 * Every card family cardflow knows, assembled into the registry that check, run, the schema,
 * the docs and the importer use. A new family is one folder with an index.ts and one entry here;
 * a new card in a family touches only its own file and the family's index.
 */
import { createRegistry } from '../engine/registry.ts'
import * as boolean from './boolean/index.ts'
import * as control from './control/index.ts'
import * as date from './date/index.ts'
import * as encryption from './encryption/index.ts'
import * as gmail from './gmail/index.ts'
import * as http from './http/index.ts'
import * as json from './json/index.ts'
import * as jwt from './jwt/index.ts'
import * as list from './list/index.ts'
import * as number from './number/index.ts'
import * as object from './object/index.ts'
import * as office365 from './office365/index.ts'
import * as okta from './okta/index.ts'
import * as slack from './slack/index.ts'
import * as text from './text/index.ts'
import * as unsupported from './unsupported/index.ts'
import * as url from './url/index.ts'
import * as xml from './xml/index.ts'

export const FAMILIES = [okta, http, control, text, list, object, json, xml, url, encryption, jwt, number, boolean, date, slack, gmail, office365, unsupported]

export const registry = createRegistry(FAMILIES)
