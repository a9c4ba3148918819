/**
 * Timeouts that fit the work. A test is a few HTTP calls: past `testTimeout` (jest.config.js) it
 * hangs. A beforeAll/afterAll starts or stops the API on a fresh database, heavier work that on a
 * machine shared with other jobs takes several times longer than on a quiet one: those hooks get
 * HOOK_TIMEOUT_MS unless they name their own.
 */
const HOOK_TIMEOUT_MS = 120_000;

for (const hook of ['beforeAll', 'afterAll'] as const) {
  const original = globalThis[hook];
  globalThis[hook] = ((fn: jest.ProvidesHookCallback, timeout?: number) =>
    original(fn, timeout ?? HOOK_TIMEOUT_MS)) as typeof original;
}
