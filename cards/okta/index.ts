/** The okta family: every card and trigger it registers. Add a card here and in its own file. */
import activateUser from './activate-user.ts'
import addUserToGroup from './add-user-to-group.ts'
import assignGroupToApplication from './assign-group-to-application.ts'
import assignUserToApplicationForSsoAndProvisioning from './assign-user-to-application-for-sso-and-provisioning.ts'
import assignUserToApplicationForSso from './assign-user-to-application-for-sso.ts'
import bulkUserImport from './bulk-user-import.ts'
import clearUserSessions from './clear-user-sessions.ts'
import createAnImportSession from './create-an-import-session.ts'
import createGroup from './create-group.ts'
import createUser from './create-user.ts'
import customApiAction from './custom-api-action.ts'
import deactivateUser from './deactivate-user.ts'
import deleteGroup from './delete-group.ts'
import deleteUser from './delete-user.ts'
import expirePassword from './expire-password.ts'
import findUsers from './find-users.ts'
import getAssignedUserForApplication from './get-assigned-user-for-application.ts'
import getUsersGroups from './get-users-groups.ts'
import listApplicationsAssignedToUser from './list-applications-assigned-to-user.ts'
import listGroupMembers from './list-group-members.ts'
import listGroupsAssignedToApplication from './list-groups-assigned-to-application.ts'
import listImportSessions from './list-import-sessions.ts'
import listUserFactors from './list-user-factors.ts'
import listUsersAssignedToApplication from './list-users-assigned-to-application.ts'
import listUsersWithFilter from './list-users-with-filter.ts'
import listUsersWithSearch from './list-users-with-search.ts'
import mapProfileSourceAttributes from './map-profile-source-attributes.ts'
import readApplication from './read-application.ts'
import readAssignedGroupForApplication from './read-assigned-group-for-application.ts'
import readGroup from './read-group.ts'
import readUser from './read-user.ts'
import removeGroupFromApplication from './remove-group-from-application.ts'
import removeUserFromApplication from './remove-user-from-application.ts'
import removeUserFromGroup from './remove-user-from-group.ts'
import resetFactors from './reset-factors.ts'
import resetPassword from './reset-password.ts'
import searchApplications from './search-applications.ts'
import searchGroups from './search-groups.ts'
import searchSystemLogs from './search-system-logs.ts'
import suspendUser from './suspend-user.ts'
import triggerImportSession from './trigger-import-session.ts'
import unlockUser from './unlock-user.ts'
import unsuspendUser from './unsuspend-user.ts'
import updateGroup from './update-group.ts'
import updateUser from './update-user.ts'
import accessCertificationDecisionSubmitted from './access-certification-decision-submitted.ts'
import accessRequestCreated from './access-request-created.ts'
import accessRequestResolved from './access-request-resolved.ts'
import apiTokenCreated from './api-token-created.ts'
import apiTokenRevoked from './api-token-revoked.ts'
import applicationActivated from './application-activated.ts'
import applicationCreated from './application-created.ts'
import applicationDeactivated from './application-deactivated.ts'
import applicationDeleted from './application-deleted.ts'
import applicationPolicySignOnAccessDenied from './application-policy-sign-on-access-denied.ts'
import applicationUpdated from './application-updated.ts'
import authenticatorActivated from './authenticator-activated.ts'
import authenticatorDeactivated from './authenticator-deactivated.ts'
import deviceActivated from './device-activated.ts'
import deviceAddedToUser from './device-added-to-user.ts'
import deviceDeactivated from './device-deactivated.ts'
import groupCreated from './group-created.ts'
import groupDeleted from './group-deleted.ts'
import groupPrivilegeGranted from './group-privilege-granted.ts'
import groupPrivilegeRevoked from './group-privilege-revoked.ts'
import groupProfileUpdated from './group-profile-updated.ts'
import importGroupCreated from './import-group-created.ts'
import importGroupDeleted from './import-group-deleted.ts'
import importProcessCompleted from './import-process-completed.ts'
import importRoadblock from './import-roadblock.ts'
import importStarted from './import-started.ts'
import orgRateLimitViolation from './org-rate-limit-violation.ts'
import orgRateLimitWarning from './org-rate-limit-warning.ts'
import policyActivated from './policy-activated.ts'
import policyDeactivated from './policy-deactivated.ts'
import policyRuleAdded from './policy-rule-added.ts'
import policyRuleDeactivated from './policy-rule-deactivated.ts'
import policyRuleUpdated from './policy-rule-updated.ts'
import policyUpdated from './policy-updated.ts'
import suspiciousActivityReported from './suspicious-activity-reported.ts'
import userAccountLocked from './user-account-locked.ts'
import userAccountUnlockedByAdmin from './user-account-unlocked-by-admin.ts'
import userAccountUnlocked from './user-account-unlocked.ts'
import userActivated from './user-activated.ts'
import userAddedToGroup from './user-added-to-group.ts'
import userAppPasswordChanged from './user-app-password-changed.ts'
import userAssignedToApplication from './user-assigned-to-application.ts'
import userCreated from './user-created.ts'
import userDeactivated from './user-deactivated.ts'
import userDeleted from './user-deleted.ts'
import userMfaFactorActivated from './user-mfa-factor-activated.ts'
import userMfaFactorDeactivated from './user-mfa-factor-deactivated.ts'
import userMfaFactorResetAll from './user-mfa-factor-reset-all.ts'
import userMfaFactorSuspended from './user-mfa-factor-suspended.ts'
import userMfaFactorUnsuspended from './user-mfa-factor-unsuspended.ts'
import userOktaPasswordResetByAnAdmin from './user-okta-password-reset-by-an-admin.ts'
import userOktaPasswordUpdated from './user-okta-password-updated.ts'
import userPasswordImported from './user-password-imported.ts'
import userPrivilegeGranted from './user-privilege-granted.ts'
import userPrivilegeRevoked from './user-privilege-revoked.ts'
import userProfileUpdated from './user-profile-updated.ts'
import userReactivated from './user-reactivated.ts'
import userRemovedFromGroup from './user-removed-from-group.ts'
import userSignedInAttempt from './user-signed-in-attempt.ts'
import userSignedOut from './user-signed-out.ts'
import userSuspended from './user-suspended.ts'
import userSyncedInExternalApplication from './user-synced-in-external-application.ts'
import userUnassignedFromApplication from './user-unassigned-from-application.ts'
import userUnsuspended from './user-unsuspended.ts'

export const cards = [
  activateUser,
  addUserToGroup,
  assignGroupToApplication,
  assignUserToApplicationForSsoAndProvisioning,
  assignUserToApplicationForSso,
  bulkUserImport,
  clearUserSessions,
  createAnImportSession,
  createGroup,
  createUser,
  customApiAction,
  deactivateUser,
  deleteGroup,
  deleteUser,
  expirePassword,
  findUsers,
  getAssignedUserForApplication,
  getUsersGroups,
  listApplicationsAssignedToUser,
  listGroupMembers,
  listGroupsAssignedToApplication,
  listImportSessions,
  listUserFactors,
  listUsersAssignedToApplication,
  listUsersWithFilter,
  listUsersWithSearch,
  mapProfileSourceAttributes,
  readApplication,
  readAssignedGroupForApplication,
  readGroup,
  readUser,
  removeGroupFromApplication,
  removeUserFromApplication,
  removeUserFromGroup,
  resetFactors,
  resetPassword,
  searchApplications,
  searchGroups,
  searchSystemLogs,
  suspendUser,
  triggerImportSession,
  unlockUser,
  unsuspendUser,
  updateGroup,
  updateUser,
]

export const triggers = [
  accessCertificationDecisionSubmitted,
  accessRequestCreated,
  accessRequestResolved,
  apiTokenCreated,
  apiTokenRevoked,
  applicationActivated,
  applicationCreated,
  applicationDeactivated,
  applicationDeleted,
  applicationPolicySignOnAccessDenied,
  applicationUpdated,
  authenticatorActivated,
  authenticatorDeactivated,
  deviceActivated,
  deviceAddedToUser,
  deviceDeactivated,
  groupCreated,
  groupDeleted,
  groupPrivilegeGranted,
  groupPrivilegeRevoked,
  groupProfileUpdated,
  importGroupCreated,
  importGroupDeleted,
  importProcessCompleted,
  importRoadblock,
  importStarted,
  orgRateLimitViolation,
  orgRateLimitWarning,
  policyActivated,
  policyDeactivated,
  policyRuleAdded,
  policyRuleDeactivated,
  policyRuleUpdated,
  policyUpdated,
  suspiciousActivityReported,
  userAccountLocked,
  userAccountUnlockedByAdmin,
  userAccountUnlocked,
  userActivated,
  userAddedToGroup,
  userAppPasswordChanged,
  userAssignedToApplication,
  userCreated,
  userDeactivated,
  userDeleted,
  userMfaFactorActivated,
  userMfaFactorDeactivated,
  userMfaFactorResetAll,
  userMfaFactorSuspended,
  userMfaFactorUnsuspended,
  userOktaPasswordResetByAnAdmin,
  userOktaPasswordUpdated,
  userPasswordImported,
  userPrivilegeGranted,
  userPrivilegeRevoked,
  userProfileUpdated,
  userReactivated,
  userRemovedFromGroup,
  userSignedInAttempt,
  userSignedOut,
  userSuspended,
  userSyncedInExternalApplication,
  userUnassignedFromApplication,
  userUnsuspended,
]
