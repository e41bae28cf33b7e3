/** Create Group, Read Group and Update Group: one group in, the same outputs out. */
import { type TProperties, Type } from '@sinclair/typebox'
import { objectOf } from './okta-call.ts'
import { GROUP_FIELDS, groupRecord } from './okta-records.ts'

export const GROUP_OUTPUTS = {
  ...Type.Required(Type.Object(GROUP_FIELDS)).properties,
  'Custom Properties': Type.Record(Type.String(), Type.Unknown(), { description: 'Profile attributes besides name and description.' }),
  Links: Type.Unknown(),
} satisfies TProperties

export function groupOutputs(g: unknown) {
  const group = objectOf(g)
  const { name: _name, description: _description, ...custom } = objectOf(group.profile)
  return { ...groupRecord(group), 'Custom Properties': custom, Links: objectOf(group._links) }
}

/** The group profile Okta takes: name, description and custom attributes. */
export function groupProfile(i: Record<string, unknown>): Record<string, unknown> {
  return { ...objectOf(i['Custom Properties']), name: i.Name, description: i.Description ?? '' }
}

export const GROUP_INPUTS = {
  Name: Type.String({ minLength: 1, maxLength: 255 }),
  Description: Type.Optional(Type.String({ maxLength: 1024 })),
  'Custom Properties': Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Custom group profile attributes.' })),
} satisfies TProperties
