import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one plain `N passed, N failed, N skipped — wall time M min S s` line at the end of a run,
 * for CI log readers. The wall time runs from the reporter's start (vitest's start-up) to the end.
 */
export default class SummaryReporter implements Reporter {
  private readonly started = performance.now();

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    const seconds = Math.round((performance.now() - this.started) / 1000);
    const wall = `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
    console.log(`${passed} passed, ${failed} failed, ${skipped} skipped — wall time ${wall}`);
  }
}
