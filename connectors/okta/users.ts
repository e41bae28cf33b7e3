/** Okta user objects as the Okta cards show them: a few named fields plus the raw object. */

export type OktaUser = Record<string, unknown>

const text = (v: unknown) => (typeof v === 'string' ? v : null)

export function userSummary(user: OktaUser) {
  const profile = (typeof user.profile === 'object' && user.profile !== null ? user.profile : {}) as Record<string, unknown>
  return {
    ID: String(user.id ?? ''),
    Status: text(user.status),
    Created: text(user.created),
    Login: text(profile.login),
    Email: text(profile.email),
    'First Name': text(profile.firstName),
    'Last Name': text(profile.lastName),
    'Raw Output': user,
  }
}

/** A plausible user for dry runs, built from what the request said. */
export function sampleUser(id: string, profile: Record<string, unknown> = {}): OktaUser {
  return { id, status: 'ACTIVE', created: '2024-01-01T00:00:00.000Z', profile: { login: 'user@example.com', email: 'user@example.com', firstName: 'Sample', lastName: 'User', ...profile } }
}

export const enc = encodeURIComponent
