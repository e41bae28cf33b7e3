#!/usr/bin/env node
// The `flow` command. Runs the TypeScript sources through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api'

register()
const { buildProgram } = await import('../cli/main.ts')
await buildProgram().parseAsync(process.argv)
