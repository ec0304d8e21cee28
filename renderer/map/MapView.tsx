// The only owner of the MapLibre map: creates it once, applies each new style as a diff, reports pointer events.

import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, prewarm, setWorkerUrl, type MapLayerMouseEvent, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { applyStyle } from './apply-style';

// Bundled with the app, so no request leaves the machine and the desktop shell's custom protocol works too.
setWorkerUrl(maplibreWorkerUrl);
// Start MapLibre's worker while the engine is still placing spend, so it is loaded and compiled when the map needs it.
prewarm();

export interface MapViewProps {
  style: StyleSpecification;
  /** Fit to these bounds whenever they change (a new set of wards). */
  bounds: [number, number, number, number] | null;
  /** Fly to these bounds when `seq` changes (a ward picked from the list). */
  focus: { bounds: [number, number, number, number]; seq: number } | null;
  /** Room to leave around fitted bounds for panels drawn over the map. */
  padding: { top: number; right: number; bottom: number; left: number };
  onHoverWard(hover: { code: string; x: number; y: number } | null): void;
  onClickWard(code: string | null): void;
  /** Called at every idle with how many ward features the map holds; lets the app and tests know the map has settled. */
  onIdle?(state: { wardFeatures: number }): void;
  ariaLabel: string;
}

/** The padding asked for, or an even small margin when the map is too small to spare it. */
function fitPadding(container: HTMLElement | null, padding: MapViewProps['padding']): MapViewProps['padding'] {
  const w = container?.clientWidth ?? 0;
  const h = container?.clientHeight ?? 0;
  if (w - padding.left - padding.right < 240 || h - padding.top - padding.bottom < 200) return { top: 20, right: 20, bottom: 20, left: 20 };
  return padding;
}

export function MapView({ style, bounds, focus, padding, onHoverWard, onClickWard, onIdle, ariaLabel }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const applied = useRef<StyleSpecification | null>(null);
  const handlers = useRef({ onHoverWard, onClickWard, onIdle });
  handlers.current = { onHoverWard, onClickWard, onIdle };

  useEffect(() => {
    const map = new MapLibreMap({
      container: container.current!,
      style,
      bounds: bounds ?? undefined,
      fitBoundsOptions: { padding: fitPadding(container.current, padding) },
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxZoom: 18,
      fadeDuration: 0,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    applied.current = style;
    mapRef.current = map;
    // For end-to-end tests and the benchmark: read-only access to the live map.
    (window as Window & { __placelensMap?: MapLibreMap }).__placelensMap = map;
    map.on('mousemove', 'ward-fill', (e: MapLayerMouseEvent) => {
      const code = e.features?.[0]?.properties?.code as string | undefined;
      map.getCanvas().style.cursor = code ? 'pointer' : '';
      handlers.current.onHoverWard(code ? { code, x: e.point.x, y: e.point.y } : null);
    });
    map.on('mouseleave', 'ward-fill', () => {
      map.getCanvas().style.cursor = '';
      handlers.current.onHoverWard(null);
    });
    map.on('click', (e: MapMouseEvent) => {
      const hit = map.queryRenderedFeatures(e.point, { layers: ['ward-fill'] })[0];
      handlers.current.onClickWard((hit?.properties?.code as string | undefined) ?? null);
    });
    map.on('idle', () => handlers.current.onIdle?.({ wardFeatures: map.querySourceFeatures('wards').length }));
    return () => {
      map.remove();
      mapRef.current = null;
    };
    // The map is made once; later styles and bounds arrive through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !applied.current || applied.current === style) return;
    applyStyle(map, applied.current, style);
    applied.current = style;
  }, [style]);

  const boundsKey = bounds?.join(',') ?? '';
  useEffect(() => {
    if (mapRef.current && bounds) mapRef.current.fitBounds(bounds, { padding: fitPadding(container.current, padding), animate: false });
    // Keyed on the values, not the array's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boundsKey]);

  const focusSeq = focus?.seq ?? 0;
  useEffect(() => {
    if (mapRef.current && focus) mapRef.current.fitBounds(focus.bounds, { padding: fitPadding(container.current, padding), maxZoom: 15, duration: 600 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq]);

  return (
    <div className="map-frame">
      <div ref={container} className="map" role="application" aria-label={ariaLabel} data-testid="map" />
    </div>
  );
}
