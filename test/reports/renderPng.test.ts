import { describe, expect, it } from 'vitest';
import { rendererCount } from '../../reports/charts/renderPng.ts';
import { chartConfigs, renderPng } from '../../reports/index.ts';
import { smallOutcome } from './fixtures.ts';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('PNG rendering', () => {
  it('renders every chart at 1200×600 through one renderer per size, leaving the spec untouched', async () => {
    const specs = chartConfigs(smallOutcome(), 0);
    const before = JSON.stringify(specs);
    for (const spec of specs) expect(pngSize(await renderPng(spec))).toEqual({ width: 1200, height: 600 });
    expect(rendererCount()).toBe(1);
    expect(JSON.stringify(specs)).toBe(before);
  });

  it('renders another size with a second renderer', async () => {
    const [spec] = chartConfigs(smallOutcome(), 0, { width: 600, height: 300 });
    expect(spec && pngSize(await renderPng(spec))).toEqual({ width: 600, height: 300 });
    expect(rendererCount()).toBe(2);
  });
});
