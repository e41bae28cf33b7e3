/** The control family: every card and trigger it registers. Add a card here and in its own file. */
import assign from './assign.ts'
import assignIf from './assign-if.ts'
import callFlow from './call-flow.ts'
import continueIf from './continue-if.ts'
import forEach from './for-each.ts'
import helperFlow from './helper-flow.ts'
import ifElse from './if-else.ts'
import ifElseIf from './if-else-if.ts'
import ifError from './if-error.ts'
import returnCard from './return.ts'
import returnRaw from './return-raw.ts'
import scheduledFlow from './scheduled-flow.ts'

export const cards = [assignIf, assign, callFlow, continueIf, forEach, ifElseIf, ifElse, ifError, returnRaw, returnCard]
export const triggers = [helperFlow, scheduledFlow]
