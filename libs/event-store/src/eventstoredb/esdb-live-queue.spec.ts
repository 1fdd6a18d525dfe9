import { LiveQueue } from './esdb-live-queue';

describe('LiveQueue', () => {
  it('hands items over in order, waiting for the next one', async () => {
    const queue = new LiveQueue<number>(
      10,
      () => undefined,
      () => undefined,
    );
    const signal = new AbortController().signal;
    queue.push(1);
    expect(await queue.next(signal)).toBe(1);
    const later = queue.next(signal);
    setTimeout(() => queue.push(2), 10);
    expect(await later).toBe(2);
  });

  it('delivers what is queued before a failure, then throws it; ends with undefined', async () => {
    const signal = new AbortController().signal;
    const failing = new LiveQueue<number>(
      10,
      () => undefined,
      () => undefined,
    );
    failing.push(1);
    failing.fail(new Error('dropped'));
    expect(await failing.next(signal)).toBe(1);
    await expect(failing.next(signal)).rejects.toThrow('dropped');
    const ending = new LiveQueue<number>(
      10,
      () => undefined,
      () => undefined,
    );
    ending.end();
    expect(await ending.next(signal)).toBeUndefined();
  });

  it('returns undefined at once when aborted, even while waiting', async () => {
    const controller = new AbortController();
    const queue = new LiveQueue<number>(
      10,
      () => undefined,
      () => undefined,
    );
    const waiting = queue.next(controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
    queue.push(1);
    expect(await queue.next(controller.signal)).toBeUndefined();
  });

  it('pauses the source above the high-water mark and resumes it once half is taken', async () => {
    const calls: string[] = [];
    const queue = new LiveQueue<number>(
      4,
      () => calls.push('pause'),
      () => calls.push('resume'),
    );
    const signal = new AbortController().signal;
    for (let i = 0; i < 5; i++) queue.push(i);
    expect(calls).toEqual(['pause']);
    await queue.next(signal);
    await queue.next(signal);
    expect(calls).toEqual(['pause']);
    await queue.next(signal);
    expect(calls).toEqual(['pause', 'resume']);
    expect(queue.size).toBe(2);
  });
});
