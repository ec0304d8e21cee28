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

export function PrintMap({ style, bounds, width, height, pixelRatio = 2.2, alt, fit = 'pad', onReady }: PrintMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const [printed, setPrinted] = useState<PrintedMap | null>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  useEffect(() => {
    if (!container.current) return;
    let done = false;
    const map = new MapLibreMap({
      container: container.current,
      style,
      bounds,
      fitBoundsOptions: { padding: fit === 'pad' ? 24 : 0 },
      pixelRatio,
      interactive: false,
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      fadeDuration: 0,
    });
    map.once('idle', () => {
      if (done) return;
      const lat = map.getCenter().lat;
      const result = {
        image: map.getCanvas().toDataURL('image/png'),
        metresPerPixel: (EARTH_CIRCUMFERENCE_M * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom()),
      };
      setPrinted(result);
      ready.current?.(result);
      map.remove();
      done = true;
    });
    return () => {
      if (!done) map.remove();
      done = true;
    };
    // Drawn once per style and size: a brief's map does not change while it is shown.
  }, [style, bounds, width, height, pixelRatio, fit]);

  if (printed) return <img className="print-map" src={printed.image} alt={alt} width={width} height={height} data-testid="brief-map" />;
  return <div ref={container} className="print-map drawing" style={{ width, height }} aria-busy="true" />;
}
