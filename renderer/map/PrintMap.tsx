// A map drawn once for print: a MapLibre map at print resolution, turned into an image when it has settled, then
// put away. The brief holds the image (with its alt text), so what is printed is exactly what was drawn.

import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, type StyleSpecification } from 'maplibre-gl';

export interface PrintedMap {
  /** PNG as a data URL. */
  image: string;
  /** Ground metres per CSS pixel at the image's centre, for the scale bar. */
  metresPerPixel: number;
}

export interface PrintMapProps {
  style: StyleSpecification;
  bounds: [number, number, number, number];
  /** CSS pixels; the image has `pixelRatio` times as many. */
  width: number;
  height: number;
  /** 2.2 × 96 dpi ≈ 211 dpi on paper: above the 200 dpi a brief needs. */
  pixelRatio?: number;
  alt: string;
  /** 'pad' leaves a margin round the bounds (an area on a page); 'contain' fits them exactly (the view as seen). */
  fit?: 'pad' | 'contain';
  onReady?(map: PrintedMap): void;
}

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/**
 * One map kept off screen for every picture of one size: making a MapLibre map (its style, workers and canvas)
 * costs more than drawing with it, and a batch of briefs draws twenty in a row. Pictures are drawn one at a time.
 */
let drawer: { map: MapLibreMap; el: HTMLDivElement; key: string } | null = null;
let queue: Promise<unknown> = Promise.resolve();

function idle(map: MapLibreMap): Promise<void> {
  return new Promise((ok) => {
    map.once('idle', () => ok());
    map.triggerRepaint();
  });
}

/**
 * While a style loads, MapLibre draws a frame each time a source's tiles arrive (seven to thirteen for a brief), and
 * in software each frame at print resolution costs about 100 ms. So the map loads at a sliver of the resolution and is
 * drawn once at full size when everything is in: which tiles load depends on the map's size, not its pixel ratio.
 */
const LOADING_PIXEL_RATIO = 0.2;

export function drawPrintMap(style: StyleSpecification, bounds: [number, number, number, number], width: number, height: number, pixelRatio: number, padding: number): Promise<PrintedMap> {
  const run = async (): Promise<PrintedMap> => {
    const key = `${width}x${height}`;
    if (!drawer || drawer.key !== key) {
      drawer?.map.remove();
      drawer?.el.remove();
      const el = document.createElement('div');
      el.setAttribute('aria-hidden', 'true');
      el.style.cssText = `position:fixed;left:-30000px;top:0;width:${width}px;height:${height}px`;
      document.body.append(el);
      const map = new MapLibreMap({
        container: el, style, bounds, fitBoundsOptions: { padding }, pixelRatio: LOADING_PIXEL_RATIO, interactive: false, attributionControl: false,
        canvasContextAttributes: { preserveDrawingBuffer: true }, fadeDuration: 0,
      });
      drawer = { map, el, key };
      await new Promise<void>((ok) => map.once('idle', () => ok()));
    } else {
      drawer.map.setPixelRatio(LOADING_PIXEL_RATIO);
      drawer.map.setStyle(style);
      drawer.map.fitBounds(bounds, { padding, animate: false });
      await idle(drawer.map);
    }
    const map = drawer.map;
    map.setPixelRatio(pixelRatio);
    await idle(map);
    const lat = map.getCenter().lat;
    return {
      image: map.getCanvas().toDataURL('image/png'),
      metresPerPixel: (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom()),
    };
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

export function PrintMap({ style, bounds, width, height, pixelRatio = 2.2, alt, fit = 'pad', onReady }: PrintMapProps) {
  const [printed, setPrinted] = useState<PrintedMap | null>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(() => {
    let cancelled = false;
    setPrinted(null);
    void drawPrintMap(style, bounds, width, height, pixelRatio, fit === 'pad' ? 24 : 0).then((result) => {
      if (cancelled) return;
      setPrinted(result);
      ready.current?.(result);
    });
    return () => {
      cancelled = true;
    };
    // Drawn once per style and size: a brief's map does not change while it is shown.
  }, [style, bounds, width, height, pixelRatio, fit]);

  if (printed) return <img className="print-map" src={printed.image} alt={alt} width={width} height={height} data-testid="brief-map" />;
  return <div className="print-map drawing" style={{ width, height }} aria-busy="true" />;
}
