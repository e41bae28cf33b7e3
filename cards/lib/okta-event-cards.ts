/**
 * Every Okta event card cardflow offers, as data: Okta's card name, the System Log event
 * type(s) behind it, what the actor output is called (Admin or Actor), and which target type
 * fills each target output. This table is the one place to correct a mapping.
 *
 * `sure`: "read" when an Okta page or sample names the event type; "inferred" when it follows
 * Okta's event-type naming only (Okta's card pages rarely name it). Target types other than User,
 * UserGroup, AppInstance and AppUser are inferred too: their outputs are null when absent.
 */

export type Sureness = 'read' | 'inferred'

export interface EventCard {
  /** The trigger id after `okta.`, camelCase of Okta's card name. */
  id: string
  /** Okta's card name. */
  title: string
  /** What it fires on, in Okta's words. */
  when: string
  eventTypes: readonly string[]
  sure: Sureness
  /** The actor's output name on this card. */
  actor: 'Admin' | 'Actor'
  /** Output name → System Log target type(s), first found wins. Listed in `required` when the event always has it. */
  targets: Readonly<Record<string, readonly string[]>>
  required?: readonly string[]
  /** Card-specific outputs read from the event (see okta-event-trigger.ts). */
  extras?: readonly Extra[]
  /** The card has Okta's Application option (one app, or All Apps). */
  application?: boolean
  /** Export keys (`okta:<key>`), the first Okta's own where an export showed it. */
  keys: readonly string[]
}

export type Extra = 'Changed Attributes' | 'Reason' | 'Result' | 'Profile Update' | 'Suspicious Activity' | 'Policy Type'

const USER = { 'Okta User': ['User'] }
const GROUP = { Group: ['UserGroup'] }
const APP_MEMBERSHIP = { 'Okta User': ['User'], 'Application User': ['AppUser'], Application: ['AppInstance'] }
const OKTA_APP = { 'Okta Application': ['AppInstance'], 'Okta User': ['User'] }
const POLICY = { Policy: ['PolicyEntity', 'Policy'], 'Policy Rule': ['PolicyRule'] }

const user = (id: string, title: string, eventType: string, actor: 'Admin' | 'Actor', when: string, key = id, sure: Sureness = 'inferred', extras?: Extra[]): EventCard => ({
  id,
  title,
  when,
  eventTypes: [eventType],
  sure,
  actor,
  targets: USER,
  required: ['Okta User'],
  ...(extras && { extras }),
  keys: [key],
})

export const EVENT_CARDS: readonly EventCard[] = [
  // users: lifecycle
  user('userCreated', 'User Created', 'user.lifecycle.create', 'Admin', 'a user is created'),
  user('userActivated', 'User Activated', 'user.lifecycle.activate', 'Admin', 'a user is activated'),
  user('userDeactivated', 'User Deactivated', 'user.lifecycle.deactivate', 'Admin', 'a user is deactivated'),
  user('userSuspended', 'User Suspended', 'user.lifecycle.suspend', 'Admin', 'a user is suspended'),
  user('userUnsuspended', 'User Unsuspended', 'user.lifecycle.unsuspend', 'Admin', 'a suspended user is unsuspended'),
  user('userReactivated', 'User Reactivated', 'user.lifecycle.reactivate', 'Admin', 'a deactivated user is reactivated'),
  user('userDeleted', 'User Deleted', 'user.lifecycle.delete.completed', 'Admin', 'a user is deleted'),
  user('userAccountLocked', 'User Account Locked', 'user.account.lock', 'Actor', 'a user account is locked automatically'),
  user('userAccountUnlocked', 'User Account Unlocked', 'user.account.unlock', 'Actor', 'a user account unlocks automatically'),
  user('userAccountUnlockedByAdmin', 'User Account Unlocked by Admin', 'user.account.unlock_by_admin', 'Admin', 'an admin unlocks a user account'),
  user('userProfileUpdated', 'User Okta Profile Updated', 'user.account.update_profile', 'Actor', "a user's Okta profile is updated", 'oktaUserProfileUpdated', 'read', ['Changed Attributes', 'Profile Update']),
  user('userOktaPasswordUpdated', 'User Okta Password Updated', 'user.account.update_password', 'Actor', "a user's Okta password is changed", 'oktaUserPasswordUpdated'),
  user('userOktaPasswordResetByAnAdmin', 'User Okta Password Reset by an Admin', 'user.account.reset_password', 'Admin', "an admin resets a user's Okta password", 'userOktaPasswordResetByAnAdmin'),
  user('userPasswordImported', 'User Password Imported', 'user.import.password', 'Actor', "a user's password is imported"),
  user('userPrivilegeGranted', 'User Privilege Granted', 'user.account.privilege.grant', 'Admin', 'a user is given an admin role'),
  user('userPrivilegeRevoked', 'User Privilege Revoked', 'user.account.privilege.revoke', 'Admin', "a user's admin role is revoked"),
  { id: 'userSignedInAttempt', title: 'User Signed In Attempt', when: 'a user tries to sign in (Result: SUCCESS or FAILURE)', eventTypes: ['user.session.start'], sure: 'read', actor: 'Actor', targets: {}, extras: ['Result', 'Reason'], keys: ['userSignedInAttempt', 'userSignedIn'] },
  { id: 'userSignedOut', title: 'User Signed Out', when: 'a user signs out', eventTypes: ['user.session.end'], sure: 'inferred', actor: 'Actor', targets: {}, keys: ['userSignedOut'] },
  {
    id: 'suspiciousActivityReported',
    title: 'Suspicious Activity Reported',
    when: 'a user reports suspicious activity on their account',
    eventTypes: ['user.account.report_suspicious_activity_by_enduser'],
    sure: 'inferred',
    actor: 'Actor',
    targets: USER,
    extras: ['Suspicious Activity'],
    keys: ['userReportedSuspiciousActivityBeta', 'suspiciousActivityReported'],
  },
  // users: MFA factors, authenticators, devices
  user('userMfaFactorActivated', 'User MFA Factor Activated', 'user.mfa.factor.activate', 'Admin', 'a user activates an MFA factor', 'userMfaFactorActivated', 'inferred', ['Reason']),
  user('userMfaFactorDeactivated', 'User MFA Factor Deactivated', 'user.mfa.factor.deactivate', 'Admin', 'a user deactivates an MFA factor', 'userMfaFactorDeactivated', 'read', ['Reason']),
  user('userMfaFactorSuspended', 'User MFA Factor Suspended', 'user.mfa.factor.suspend', 'Admin', "a user's MFA factor is suspended", 'userMfaFactorSuspended', 'inferred', ['Reason']),
  user('userMfaFactorUnsuspended', 'User MFA Factor Unsuspended', 'user.mfa.factor.unsuspend', 'Admin', "a user's MFA factor is unsuspended", 'userMfaFactorUnsuspended', 'read', ['Reason']),
  user('userMfaFactorResetAll', 'User MFA Factor Reset All', 'user.mfa.factor.reset_all', 'Admin', "all of a user's MFA factors are reset", 'userMfaFactorResetAll', 'inferred', ['Reason']),
  { id: 'authenticatorActivated', title: 'Authenticator Activated', when: 'an authenticator is activated', eventTypes: ['security.authenticator.lifecycle.activate'], sure: 'inferred', actor: 'Admin', targets: { Authenticator: ['Authenticator'] }, keys: ['authenticatorActivated'] },
  { id: 'authenticatorDeactivated', title: 'Authenticator Deactivated', when: 'an authenticator is deactivated', eventTypes: ['security.authenticator.lifecycle.deactivate'], sure: 'inferred', actor: 'Admin', targets: { Authenticator: ['Authenticator'] }, keys: ['authenticatorDeactivated'] },
  { id: 'deviceActivated', title: 'Device Activated', when: 'a device is activated in Okta Verify', eventTypes: ['device.lifecycle.activate'], sure: 'inferred', actor: 'Actor', targets: { Device: ['Device'], ...USER }, keys: ['deviceActivated'] },
  { id: 'deviceAddedToUser', title: 'Device Added to User', when: 'a device is added to a user in Okta Verify', eventTypes: ['device.user.add'], sure: 'inferred', actor: 'Actor', targets: { Device: ['Device'], ...USER }, keys: ['deviceAddedToUser'] },
  { id: 'deviceDeactivated', title: 'Device Deactivated', when: 'a device is deactivated in Okta Verify', eventTypes: ['device.lifecycle.deactivate'], sure: 'inferred', actor: 'Actor', targets: { Device: ['Device'], ...USER }, keys: ['deviceDeactivated'] },
  // groups
  { id: 'userAddedToGroup', title: 'User Added to Group', when: 'a user is added to a group', eventTypes: ['group.user_membership.add'], sure: 'read', actor: 'Admin', targets: { ...USER, ...GROUP }, required: ['Okta User', 'Group'], keys: ['userAddedToGroupMembership'] },
  { id: 'userRemovedFromGroup', title: 'User Removed from Group', when: 'a user is removed from a group', eventTypes: ['group.user_membership.remove'], sure: 'inferred', actor: 'Admin', targets: { ...USER, ...GROUP }, required: ['Okta User', 'Group'], keys: ['userRemovedFromGroupMembership'] },
  { id: 'groupCreated', title: 'Group Created', when: 'a group is created', eventTypes: ['group.lifecycle.create'], sure: 'inferred', actor: 'Actor', targets: GROUP, required: ['Group'], keys: ['groupCreated'] },
  { id: 'groupDeleted', title: 'Group Deleted', when: 'a group is deleted', eventTypes: ['group.lifecycle.delete'], sure: 'inferred', actor: 'Actor', targets: GROUP, required: ['Group'], keys: ['groupDeleted'] },
  { id: 'groupProfileUpdated', title: 'Group Profile Updated', when: "a group's profile is updated", eventTypes: ['group.profile.update'], sure: 'inferred', actor: 'Actor', targets: GROUP, required: ['Group'], keys: ['groupProfileUpdated'] },
  { id: 'groupPrivilegeGranted', title: 'Group Privilege Granted', when: 'a group is given an admin role', eventTypes: ['group.privilege.grant'], sure: 'inferred', actor: 'Admin', targets: GROUP, required: ['Group'], keys: ['groupPrivilegeGranted', 'groupPrivlegeGranted'] },
  { id: 'groupPrivilegeRevoked', title: 'Group Privilege Revoked', when: "a group's admin role is revoked", eventTypes: ['group.privilege.revoke'], sure: 'inferred', actor: 'Admin', targets: GROUP, required: ['Group'], keys: ['groupPrivilegeRevoked'] },
  { id: 'importGroupCreated', title: 'Import Group Created', when: 'an import creates a group', eventTypes: ['system.import.group.create'], sure: 'inferred', actor: 'Actor', targets: GROUP, keys: ['importGroupCreated'] },
  { id: 'importGroupDeleted', title: 'Import Group Deleted', when: 'an import deletes a group', eventTypes: ['system.import.group.delete'], sure: 'inferred', actor: 'Actor', targets: GROUP, keys: ['importGroupDeleted'] },
  // applications
  { id: 'userAssignedToApplication', title: 'User Assigned to Application', when: 'a user is assigned to an application', eventTypes: ['application.user_membership.add'], sure: 'read', actor: 'Admin', targets: APP_MEMBERSHIP, required: ['Okta User', 'Application'], application: true, keys: ['userAddedToApplicationMembership'] },
  {
    id: 'userUnassignedFromApplication',
    title: 'User Unassigned from Application',
    when: 'a user is unassigned from an application',
    eventTypes: ['application.user_membership.remove'],
    sure: 'read',
    actor: 'Admin',
    targets: APP_MEMBERSHIP,
    required: ['Okta User', 'Application'],
    application: true,
    keys: ['userRemovedFromApplicationMembership', 'userUnassignedFromApplicationMembership'],
  },
  { id: 'userAppPasswordChanged', title: 'User App Password Changed', when: "a user's password for an application changes", eventTypes: ['application.user_membership.change_password'], sure: 'inferred', actor: 'Admin', targets: APP_MEMBERSHIP, required: ['Okta User', 'Application'], application: true, keys: ['userAppPasswordChanged'] },
  { id: 'userSyncedInExternalApplication', title: 'User Synced in External Application', when: 'a user is synced to an application', eventTypes: ['application.provision.user.sync'], sure: 'inferred', actor: 'Actor', targets: APP_MEMBERSHIP, required: ['Application'], application: true, keys: ['syncUserInExternalApplication', 'userSyncedInExternalApplication'] },
  { id: 'applicationCreated', title: 'Application Created', when: 'an application is created', eventTypes: ['application.lifecycle.create'], sure: 'inferred', actor: 'Admin', targets: OKTA_APP, required: ['Okta Application'], keys: ['applicationCreated'] },
  { id: 'applicationActivated', title: 'Application Activated', when: 'an application is activated', eventTypes: ['application.lifecycle.activate'], sure: 'inferred', actor: 'Admin', targets: OKTA_APP, required: ['Okta Application'], keys: ['applicationActivated'] },
  { id: 'applicationDeactivated', title: 'Application Deactivated', when: 'an application is deactivated', eventTypes: ['application.lifecycle.deactivate'], sure: 'inferred', actor: 'Admin', targets: OKTA_APP, required: ['Okta Application'], keys: ['applicationDeactivated'] },
  { id: 'applicationUpdated', title: 'Application Updated', when: "an application's settings change", eventTypes: ['application.lifecycle.update'], sure: 'inferred', actor: 'Admin', targets: OKTA_APP, required: ['Okta Application'], keys: ['applicationUpdated'] },
  { id: 'applicationDeleted', title: 'Application Deleted', when: 'an application is deleted', eventTypes: ['application.lifecycle.delete'], sure: 'inferred', actor: 'Admin', targets: OKTA_APP, required: ['Okta Application'], keys: ['applicationDeleted'] },
  { id: 'applicationPolicySignOnAccessDenied', title: 'Application Policy Sign On Access Denied', when: "an app's sign-on policy denies a user access", eventTypes: ['application.policy.sign_on.deny_access'], sure: 'inferred', actor: 'Actor', targets: { ...USER, Application: ['AppInstance'] }, keys: ['applicationPolicySignOnAccessDenied'] },
  // org, admin and governance
  { id: 'apiTokenCreated', title: 'API Token Created', when: 'an API token is created', eventTypes: ['system.api_token.create'], sure: 'inferred', actor: 'Actor', targets: { 'API Token': ['Token', 'ApiToken'] }, keys: ['apiTokenCreated'] },
  { id: 'apiTokenRevoked', title: 'API Token Revoked', when: 'an API token is revoked', eventTypes: ['system.api_token.revoke'], sure: 'inferred', actor: 'Actor', targets: { 'API Token': ['Token', 'ApiToken'] }, keys: ['apiTokenRevoked'] },
  { id: 'accessRequestCreated', title: 'Access Request Created', when: 'an access request is created (Okta Identity Governance)', eventTypes: ['access.request.create'], sure: 'inferred', actor: 'Actor', targets: { ...USER }, keys: ['accessRequestCreated'] },
  { id: 'accessRequestResolved', title: 'Access Request Resolved', when: 'an access request is resolved (Okta Identity Governance)', eventTypes: ['access.request.resolve'], sure: 'inferred', actor: 'Actor', targets: { ...USER }, keys: ['accessRequestResolved'] },
  { id: 'accessCertificationDecisionSubmitted', title: 'Access Certification Decision Submitted', when: 'a reviewer decides on access in a certification campaign', eventTypes: ['certification.campaign.item.decide'], sure: 'inferred', actor: 'Actor', targets: { 'Review Item': ['CertificationCampaignItem', 'ReviewItem'] }, keys: ['accessCertificationDecisionSubmitted'] },
  { id: 'importStarted', title: 'Import Started', when: 'an import from an application starts', eventTypes: ['system.import.start'], sure: 'inferred', actor: 'Actor', targets: { Application: ['AppInstance'] }, keys: ['importStarted'] },
  { id: 'importProcessCompleted', title: 'Import Process Completed', when: 'an import from an application completes', eventTypes: ['system.import.complete'], sure: 'inferred', actor: 'Actor', targets: { Application: ['AppInstance'] }, keys: ['importProcessCompleted'] },
  { id: 'importRoadblock', title: 'Import Roadblock', when: 'an import stops at an unusual number of app unassignments (import safeguard)', eventTypes: ['system.import.roadblock'], sure: 'inferred', actor: 'Actor', targets: { Application: ['AppInstance'] }, keys: ['importRoadblock'] },
  { id: 'orgRateLimitWarning', title: 'Org Rate Limit Warning', when: 'an org-wide rate limit is nearly reached', eventTypes: ['system.org.rate_limit.warning'], sure: 'inferred', actor: 'Actor', targets: { Endpoint: ['URL Pattern', 'Endpoint'] }, keys: ['orgRateLimitWarning'] },
  { id: 'orgRateLimitViolation', title: 'Org Rate Limit Violation', when: 'an org-wide rate limit is exceeded', eventTypes: ['system.org.rate_limit.violation'], sure: 'inferred', actor: 'Actor', targets: { Endpoint: ['URL Pattern', 'Endpoint'] }, keys: ['orgRateLimitViolation'] },
  { id: 'policyActivated', title: 'Policy Activated', when: 'a policy is activated', eventTypes: ['policy.lifecycle.activate'], sure: 'inferred', actor: 'Admin', targets: POLICY, extras: ['Policy Type'], keys: ['policyActivated'] },
  { id: 'policyDeactivated', title: 'Policy Deactivated', when: 'a policy is deactivated', eventTypes: ['policy.lifecycle.deactivate'], sure: 'inferred', actor: 'Admin', targets: POLICY, extras: ['Policy Type'], keys: ['policyDeactivated'] },
  { id: 'policyUpdated', title: 'Policy Updated', when: 'a policy is updated', eventTypes: ['policy.lifecycle.update'], sure: 'inferred', actor: 'Admin', targets: POLICY, extras: ['Policy Type'], keys: ['policyUpdated'] },
  { id: 'policyRuleAdded', title: 'Policy Rule Added', when: 'a rule is added to a policy', eventTypes: ['policy.rule.add'], sure: 'inferred', actor: 'Admin', targets: POLICY, extras: ['Policy Type'], keys: ['policyRuleAdded'] },
  { id: 'policyRuleDeactivated', title: 'Policy Rule Deactivated', when: 'a policy rule is deactivated', eventTypes: ['policy.rule.deactivate'], sure: 'inferred', actor: 'Admin', targets: POLICY, extras: ['Policy Type'], keys: ['policyRuleDeactivated'] },
  { id: 'policyRuleUpdated', title: 'Policy Rule Updated', when: 'a policy rule is updated', eventTypes: ['policy.rule.update'], sure: 'inferred', actor: 'Admin', targets: POLICY, extras: ['Policy Type'], keys: ['policyRuleUpdated'] },
]

/** Okta's event cards not offered: no System Log event type could be tied to them. */
export const NOT_MAPPED = ['Group Push Failure', 'User MFA (usermfa.htm)']

export function eventCard(id: string): EventCard {
  const card = EVENT_CARDS.find((c) => c.id === id)
  if (!card) throw new Error(`no Okta event card "${id}" in cards/lib/okta-event-cards.ts`)
  return card
}
