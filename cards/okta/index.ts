/** The okta family: every card and trigger it registers. Add a card here and in its own file. */
import addUserToGroup from './add-user-to-group.ts'
import clearUserSessions from './clear-user-sessions.ts'
import createUser from './create-user.ts'
import customApiAction from './custom-api-action.ts'
import deactivateUser from './deactivate-user.ts'
import getUsersGroups from './get-users-groups.ts'
import listUsersWithFilter from './list-users-with-filter.ts'
import listUsersWithSearch from './list-users-with-search.ts'
import readUser from './read-user.ts'
import removeUserFromGroup from './remove-user-from-group.ts'
import updateUser from './update-user.ts'
import userAssignedToApplication from './user-assigned-to-application.ts'
import userCreated from './user-created.ts'
import userProfileUpdated from './user-profile-updated.ts'
import userSuspended from './user-suspended.ts'
import userUnassignedFromApplication from './user-unassigned-from-application.ts'

export const cards = [addUserToGroup, clearUserSessions, createUser, customApiAction, deactivateUser, getUsersGroups, listUsersWithFilter, listUsersWithSearch, readUser, removeUserFromGroup, updateUser]
export const triggers = [userAssignedToApplication, userCreated, userProfileUpdated, userSuspended, userUnassignedFromApplication]
