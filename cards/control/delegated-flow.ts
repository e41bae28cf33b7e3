import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'

/** Who ran the flow, beside its inputs. */
const CALLER = 'caller'

export default defineTrigger({
  type: 'control.delegatedFlow',
  title: 'Delegated Flow',
  description:
    'A flow an admin runs on demand with inputs (Okta\'s Delegated Flow, run from the Admin Console): `flow ' +
    'serve` serves it at `POST /api/flows/<flow>/run` for the web UI credential or CARDFLOW_DELEGATE_TOKEN, and ' +
    '`flow run <flow> --input <json>` calls it. Its outputs are the `inputs` (text, number, true/false, date and ' +
    'time: no lists or objects, as in Okta) and `caller`, who ran it. See docs/schedules.md.',
  kind: 'trigger',
  eventTypes: [],
  options: Type.Object({
    inputs: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'The names of the inputs the admin gives.' }),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: (options) => [...(options.inputs ?? []), CALLER],
  check: (options) => ((options.inputs ?? []).includes(CALLER) ? [`input "${CALLER}" is taken: it says who ran the flow`] : []),
  delegated: (options) => ({
    inputs: options.inputs ?? [],
    outputs: (inputs, by) => ({ ...inputs, [CALLER]: by }),
  }),
})
