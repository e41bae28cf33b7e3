/** The control family: every card and trigger it registers. Add a card here and in its own file. */
import assign from './assign.ts'
import assignIf from './assign-if.ts'
import callFlow from './call-flow.ts'
import callFlowAsync from './call-flow-async.ts'
import continueIf from './continue-if.ts'
import delegatedFlow from './delegated-flow.ts'
import forEach from './for-each.ts'
import helperFlow from './helper-flow.ts'
import ifElse from './if-else.ts'
import ifElseIf from './if-else-if.ts'
import ifError from './if-error.ts'
import lookup from './lookup.ts'
import pause from './pause.ts'
import pauseRaw from './pause-raw.ts'
import returnCard from './return.ts'
import returnError from './return-error.ts'
import returnErrorIf from './return-error-if.ts'
import returnRaw from './return-raw.ts'
import scheduledFlow from './scheduled-flow.ts'
import waitFor from './wait-for.ts'
import waitUntil from './wait-until.ts'

export const cards = [
  assignIf, assign, callFlow, callFlowAsync, continueIf, forEach, ifElseIf, ifElse, ifError, lookup, pause, pauseRaw, returnError, returnErrorIf, returnRaw,
  returnCard, waitFor, waitUntil,
]
export const triggers = [delegatedFlow, helperFlow, scheduledFlow]
