// Prints the plain closing line `jest: N passed, N failed, N skipped` after the default reporter.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numFailedTestSuites, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + (numFailedTests === 0 ? numFailedTestSuites + numRuntimeErrorTestSuites : 0);
    console.log(`jest: ${numPassedTests} passed, ${failed} failed, ${numPendingTests} skipped`);
  }
}
module.exports = SummaryReporter;
