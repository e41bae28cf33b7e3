import { exportedAs, isYes, userActionCard, YesNo } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.deleteUser',
  title: 'Okta - Delete User',
  description:
    'Deletes a deactivated user for good (`DELETE /api/v1/users/{id}`). On a user that is not yet deactivated, ' +
    'Okta deactivates them instead, and a second Delete User deletes them.',
  method: 'DELETE',
  suffix: '',
  idInput: 'ID',
  options: { 'Send Email?': YesNo('Send a deactivation email to the admin.', false) },
  query: (i) => ({ sendEmail: String(isYes(i['Send Email?'])) }),
  // the first call may only deactivate: a blind retry would delete
  idempotent: false,
  okta: exportedAs('okta:deleteUser', { ID: ['id', 'ID'], 'Send Email?': ['sendEmail', 'Send Email?'] }),
  examples: [{ title: 'deletes a deactivated user', inputs: { ID: '00u1abcd' }, outputs: { 'Status Code': 204 } }],
})
