import { describe, expect, it } from 'vitest';
import { GroupCommitQueue } from './group-commit.js';

interface Item {
  key: string;
  value: number;
}

/** A writer whose batches are recorded and finish only when the test releases them. */
function recorder(fail: (batch: Item[]) => boolean = () => false) {
  const batches: { key: string; values: number[] }[] = [];
  const gates: (() => void)[] = [];
  let writing = 0;
  let mostAtOnce = 0;
  const queue = new GroupCommitQueue<string, Item, string>({
    keyOf: (item) => item.key,
    maxBatch: 3,
    write: async (batch, key) => {
      batches.push({ key, values: batch.map((i) => i.value) });
      writing++;
      mostAtOnce = Math.max(mostAtOnce, writing);
      await new Promise<void>((resolve) => gates.push(resolve));
      writing--;
      if (fail(batch)) throw new Error(`batch ${batch.map((i) => i.value).join(',')} failed`);
      return batch.map((i) => `${key}:${i.value}`);
    },
  });
  /** Lets every batch started so far finish, until none is left. */
  async function releaseAll(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (gates.length === 0) quiet++;
      else {
        quiet = 0;
        gates.splice(0).forEach((open) => open());
      }
    }
  }
  return { queue, batches, gates, releaseAll, mostAtOnce: () => mostAtOnce };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('writes the items added in one turn of the event loop as one batch, each answered with its own result', async () => {
    const r = recorder();
    const answers = Promise.all([1, 2, 3].map((value) => r.queue.add({ key: 'a', value })));
    await r.releaseAll();
    expect(await answers).toEqual(['a:1', 'a:2', 'a:3']);
    expect(r.batches).toEqual([{ key: 'a', values: [1, 2, 3] }]);
  });

  it('answers nobody before the batch holding their item is written', async () => {
    const r = recorder();
    let answered = false;
    const answer = r.queue.add({ key: 'a', value: 1 }).then((v) => {
      answered = true;
      return v;
    });
    await tick();
    await tick();
    expect(r.batches).toHaveLength(1);
    expect(answered).toBe(false);
    r.gates.splice(0).forEach((open) => open());
    expect(await answer).toBe('a:1');
  });

  it('keeps one batch per key in flight: items added meanwhile go out together, in order, as the next batch', async () => {
    const r = recorder();
    const first = r.queue.add({ key: 'a', value: 1 });
    await tick();
    expect(r.batches).toEqual([{ key: 'a', values: [1] }]);
    const later = [2, 3].map((value) => r.queue.add({ key: 'a', value }));
    await tick();
    await tick();
    expect(r.batches).toHaveLength(1); // 2 and 3 wait for 1's batch
    await r.releaseAll();
    expect(await Promise.all([first, ...later])).toEqual(['a:1', 'a:2', 'a:3']);
    expect(r.batches).toEqual([
      { key: 'a', values: [1] },
      { key: 'a', values: [2, 3] },
    ]);
    expect(r.mostAtOnce()).toBe(1);
  });

  it('writes different keys in parallel, each in its own batches', async () => {
    const r = recorder();
    const answers = Promise.all([
      r.queue.add({ key: 'a', value: 1 }),
      r.queue.add({ key: 'b', value: 2 }),
      r.queue.add({ key: 'a', value: 3 }),
    ]);
    await r.releaseAll();
    expect(await answers).toEqual(['a:1', 'b:2', 'a:3']);
    expect(r.batches).toEqual([
      { key: 'a', values: [1, 3] },
      { key: 'b', values: [2] },
    ]);
    expect(r.mostAtOnce()).toBe(2);
  });

  it('never lets a batch grow past maxBatch: the rest follow in order', async () => {
    const r = recorder();
    const values = [1, 2, 3, 4, 5, 6, 7];
    const answers = Promise.all(values.map((value) => r.queue.add({ key: 'a', value })));
    await r.releaseAll();
    expect(await answers).toEqual(values.map((v) => `a:${v}`));
    expect(r.batches.map((b) => b.values)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('writes a failed batch again item by item, in order, so only the bad item fails', async () => {
    const r = recorder((batch) => batch.some((i) => i.value === 2));
    const settled = Promise.allSettled([1, 2, 3].map((value) => r.queue.add({ key: 'a', value })));
    await r.releaseAll();
    const results = await settled;
    expect(results.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[0]).toMatchObject({ value: 'a:1' });
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('batch 2 failed');
    expect(results[2]).toMatchObject({ value: 'a:3' });
    expect(r.batches.map((b) => b.values)).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('keeps serving a key after a failure, and idle() waits for everything added', async () => {
    let failNext = true;
    const batches: number[][] = [];
    const queue = new GroupCommitQueue<string, number, number>({
      keyOf: () => 'k',
      maxBatch: 10,
      write: async (batch) => {
        batches.push(batch);
        await tick();
        if (failNext) {
          failNext = false;
          throw new Error('database gone');
        }
        return batch.map((v) => v * 10);
      },
    });
    await expect(queue.add(1)).rejects.toThrow('database gone');
    const answers: number[] = [];
    for (const v of [2, 3]) void queue.add(v).then((x) => answers.push(x));
    await queue.idle();
    expect(answers).toEqual([20, 30]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('refuses a batch bound below one', () => {
    expect(() => new GroupCommitQueue({ keyOf: () => 0, maxBatch: 0, write: async () => [] })).toThrow(/maxBatch/);
  });
});
