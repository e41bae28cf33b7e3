// A node:test reporter that writes one line, `N passed, N failed, N skipped`, counting tests (not
// suites, not files), for run-tests.mjs to print last. Lines before it name problems that make
// the count untrustworthy; run-tests.mjs fails the run when there are any:
// - a suite skipped whole: node:test never runs its body, so its tests cannot be counted (skip
//   each test instead: `it(name, { skip }, fn)`);
// - a count that disagrees with the runner's own totals (its `# pass`, `# skipped`… lines).
export default async function* countReporter(source) {
  let passed = 0
  let failed = 0
  let skipped = 0
  const problems = []
  const totals = {}
  for await (const event of source) {
    if (event.type === 'test:diagnostic' && event.data.nesting === 0) {
      const m = /^(tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(event.data.message)
      if (m) totals[m[1]] = (totals[m[1]] ?? 0) + Number(m[2])
      continue
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const { data } = event
    if (data.details?.type === 'suite') {
      if (data.skip) problems.push(`suite "${data.name}" (${data.file}) is skipped whole, so its tests are not counted: skip each test instead`)
      // a suite fails by itself only when one of its hooks does; its failed tests count already
      else if (event.type === 'test:fail' && data.details.error?.failureType !== 'subtestsFailed') failed++
      continue
    }
    if (data.skip || data.todo) skipped++
    else if (event.type === 'test:pass') passed++
    else failed++
  }
  if (totals.pass !== undefined) {
    const runner = { pass: totals.pass, skipped: (totals.skipped ?? 0) + (totals.todo ?? 0), failedAtLeast: (totals.fail ?? 0) + (totals.cancelled ?? 0) }
    if (passed !== runner.pass || skipped !== runner.skipped || failed < runner.failedAtLeast) {
      problems.push(`counted ${passed} passed, ${failed} failed, ${skipped} skipped, but the runner says ${JSON.stringify(totals)}`)
    }
  }
  for (const p of problems) yield `problem: ${p}\n`
  yield `${passed} passed, ${failed + problems.length} failed, ${skipped} skipped\n`
}
