import { LoopYield } from './time-slicer';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('LoopYield', () => {
  it('lets other callbacks run once its slice is used, and not before', async () => {
    const slices = new LoopYield(100);
    let ran = false;
    setImmediate(() => (ran = true));
    await slices.pause(); // the slice has just begun: no yield
    expect(ran).toBe(false);
    busy(110);
    await slices.pause(); // used up: the pending callback runs before it resumes
    expect(ran).toBe(true);
  });

  it('starts a new slice after each yield', async () => {
    const slices = new LoopYield(100);
    busy(110);
    await slices.pause();
    let ran = false;
    setImmediate(() => (ran = true));
    await slices.pause();
    expect(ran).toBe(false);
  });
});
