/**
 * `work(i)` for i = 0 … count − 1, at most `lanes` at a time, each lane taking
 * the next index as it finishes one; the results in index order. The first
 * failure rejects (the other lanes stop taking indices).
 */
export async function inLanes<T>(count: number, lanes: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < count) {
      const i = next++;
      try {
        results[i] = await work(i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, count)) }, lane));
  return results;
}
