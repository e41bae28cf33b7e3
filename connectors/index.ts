/**
 * Every service cardflow connects to. Adding one: a folder `connectors/<service>/` exporting its
 * ConnectorSpec, one entry here, and a fake under test/fakes/ (see docs/adding-a-connector.md).
 */
import { type Connections, type ConnectionsOptions, loadConnections as loadConnectionsFor } from '../engine/connections.ts'

export type { Connections, ConnectionsOptions }
import type { AnyConnectorSpec } from '../engine/connector.ts'
import { gmail } from './gmail/index.ts'
import { http } from './http/index.ts'
import { office365 } from './office365/index.ts'
import { okta } from './okta/index.ts'
import { slack } from './slack/index.ts'

export const CONNECTORS: readonly AnyConnectorSpec[] = [slack, gmail, office365, okta, http]

/** The connections for every known service, from the connections file and the environment. */
export function loadConnections(opts: ConnectionsOptions = {}): Connections {
  return loadConnectionsFor(CONNECTORS, opts)
}
