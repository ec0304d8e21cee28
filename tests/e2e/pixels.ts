// Counting colours in what the map actually drew, so a test fails over a blank or wrongly drawn map.

import type { Page } from 'playwright-core';

/** For each target colour, how many canvas pixels are within `tolerance` of it on every channel. */
export async function countMapColours(page: Page, targets: readonly string[], tolerance = 6): Promise<{ counts: number[]; total: number }> {
  return page.evaluate(
    ({ targets, tolerance }) => {
      const map = (window as unknown as { __placelensMap: { getCanvas(): HTMLCanvasElement } }).__placelensMap;
      const source = map.getCanvas();
      const canvas = document.createElement('canvas');
      canvas.width = source.width;
      canvas.height = source.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(source, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const rgb = targets.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
      const counts = targets.map(() => 0);
      for (let p = 0; p < data.length; p += 4) {
        for (let t = 0; t < rgb.length; t++) {
          const c = rgb[t]!;
          if (Math.abs(data[p]! - c[0]!) <= tolerance && Math.abs(data[p + 1]! - c[1]!) <= tolerance && Math.abs(data[p + 2]! - c[2]!) <= tolerance) {
            counts[t]!++;
            break;
          }
        }
      }
      return { counts, total: data.length / 4 };
    },
    { targets: [...targets], tolerance },
  );
}

/**
 * Pixels whose red stands well above green and blue (red > green + 70, red > blue + 40, green < 140): warm colours
 * blended with whatever lies under them, such as the heat map over ward shading. No service-area colour passes:
 * orange has too much green, pink too much blue.
 */
export async function countDeepRed(page: Page): Promise<number> {
  return page.evaluate(() => {
    const source = (window as unknown as { __placelensMap: { getCanvas(): HTMLCanvasElement } }).__placelensMap.getCanvas();
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(source, 0, 0);
    const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let p = 0; p < d.length; p += 4) if (d[p]! > d[p + 1]! + 70 && d[p]! > d[p + 2]! + 40 && d[p + 1]! < 140) n++;
    return n;
  });
}
