/**
 * Waits for what a background job does a bit later: calls `probe` until `done` accepts its result
 * or `timeoutMs` has passed, and returns the last result (the test's assertion then shows it). No
 * fixed sleep: the test waits as long as the job takes, polling every `intervalMs`.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await probe();
  }
  return value;
}
