// A node:test reporter that writes one line, `N passed, N failed, N skipped`, counting tests
// (a suite only when it is skipped whole), for run-tests.mjs to print last.
export default async function* countReporter(source) {
  let passed = 0
  let failed = 0
  let skipped = 0
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue
    const suite = event.data.details?.type === 'suite'
    // a skipped suite reports none of its tests, so it counts as one skipped
    if (event.data.skip || event.data.todo) skipped++
    else if (suite) continue
    else if (event.type === 'test:pass') passed++
    else failed++
  }
  yield `${passed} passed, ${failed} failed, ${skipped} skipped\n`
}
