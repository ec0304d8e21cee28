// The only owner of the MapLibre map: creates it once, applies each new style as a diff, reports pointer events.

import { useEffect, useRef } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, prewarm, setWorkerUrl, type MapLayerMouseEvent, type MapMouseEvent, type StyleSpecification } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { applyStyle } from './apply-style';
import { setLiveMap } from './capture';
// Registers the placelens-spend:// protocol before any map asks for a tile.
import './spend-tiles';

// Bundled with the app, so no request leaves the machine and the desktop shell's custom protocol works too.
setWorkerUrl(maplibreWorkerUrl);
// Start MapLibre's worker while the engine is still placing spend, so it is loaded and compiled when the map needs it.
prewarm();

/** Centre [lon, lat], zoom, bearing and pitch: what a story's slide saves of the map. */
export interface CameraView {
  centre: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

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
  /** The H3 hex under the pointer (when that layer is shown), with its properties. */
  onHoverHex?(hover: { properties: Record<string, unknown>; x: number; y: number } | null): void;
  /** A meeting place (by rank) or gap (by index) clicked, when that layer is shown; takes the click from the ward under it. */
  onClickMeeting?(hit: { kind: 'place'; rank: number } | { kind: 'gap'; index: number }): void;
  /** A box drawn with Shift and drag, as [west, south, east, north]. */
  onBoxSelect?(bbox: [number, number, number, number]): void;
  /**
   * Spend points clicked with Shift: the box [west, south, east, north] the pointer covers, for the engine to find
   * the lines in (a point tile holds one point for the lines that share its pixels).
   */
  onPickBox?(bbox: [number, number, number, number]): void;
  /** A freehand shape drawn with Alt and drag, or with any drag while `lassoMode` is on, as a ring of [lon, lat]. */
  onLasso?(ring: [number, number][]): void;
  lassoMode?: boolean;
  /** The visible bounds [west, south, east, north] after every move, for exports of the map as it is seen. */
  onView?(bounds: [number, number, number, number]): void;
  /** A click drops a pin (a workshop note) instead of choosing a ward. */
  pinMode?: boolean;
  onPin?(lngLat: [number, number]): void;
  /** Move to this view when `seq` changes (a story's slide): a smooth flight over `duration` ms, or a jump at 0. */
  camera?: { view: CameraView; seq: number; duration: number } | null;
  /** Where the map looks after every move (a new slide saves it). */
  onCamera?(view: CameraView): void;
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

export function MapView({ style, bounds, focus, padding, onHoverWard, onClickWard, onHoverHex, onClickMeeting, onBoxSelect, onPickBox, onLasso, lassoMode = false, onIdle, onView, camera, onCamera, pinMode = false, onPin, ariaLabel }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const lassoRef = useRef<SVGPolylineElement>(null);
  const lassoOn = useRef(lassoMode);
  lassoOn.current = lassoMode;
  const pinOn = useRef(pinMode);
  pinOn.current = pinMode;
  const mapRef = useRef<MapLibreMap | null>(null);
  const applied = useRef<StyleSpecification | null>(null);
  const handlers = useRef({ onHoverWard, onClickWard, onHoverHex, onClickMeeting, onBoxSelect, onPickBox, onLasso, onIdle, onView, onCamera, onPin });
  handlers.current = { onHoverWard, onClickWard, onHoverHex, onClickMeeting, onBoxSelect, onPickBox, onLasso, onIdle, onView, onCamera, onPin };

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
      // Shift-drag selects spend lines (below) rather than zooming to the box.
      boxZoom: false,
    });
    map.addControl(new NavigationControl({ showCompass: false }), 'top-left');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    applied.current = style;
    mapRef.current = map;
    // For end-to-end tests and the benchmark: read-only access to the live map.
    (window as Window & { __placelensMap?: MapLibreMap }).__placelensMap = map;
    setLiveMap(map);
    map.on('mousemove', 'ward-fill', (e: MapLayerMouseEvent) => {
      const code = e.features?.[0]?.properties?.code as string | undefined;
      map.getCanvas().style.cursor = code ? 'pointer' : '';
      handlers.current.onHoverWard(code ? { code, x: e.point.x, y: e.point.y } : null);
    });
    map.on('mousemove', 'meet-hex', (e: MapLayerMouseEvent) => {
      const properties = e.features?.[0]?.properties;
      handlers.current.onHoverHex?.(properties ? { properties, x: e.point.x, y: e.point.y } : null);
    });
    map.on('mouseleave', 'meet-hex', () => handlers.current.onHoverHex?.(null));
    map.on('mouseleave', 'ward-fill', () => {
      map.getCanvas().style.cursor = '';
      handlers.current.onHoverWard(null);
    });
    map.on('click', (e: MapMouseEvent) => {
      if (pinOn.current) {
        handlers.current.onPin?.([e.lngLat.lng, e.lngLat.lat]);
        return;
      }
      const meetingLayers = ['meet-rank-disc', 'meet-place-fill', 'meet-gap-line'].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
      const meeting = meetingLayers.length > 0 ? map.queryRenderedFeatures(e.point, { layers: meetingLayers })[0] : undefined;
      if (meeting && handlers.current.onClickMeeting) {
        const p = meeting.properties;
        handlers.current.onClickMeeting(p.gap === 1 ? { kind: 'gap', index: Number(p.index) } : { kind: 'place', rank: Number(p.rank) });
        return;
      }
      const hit = map.queryRenderedFeatures(e.point, { layers: ['ward-fill'] })[0];
      handlers.current.onClickWard((hit?.properties?.code as string | undefined) ?? null);
    });
    map.on('idle', () => handlers.current.onIdle?.({ wardFeatures: map.querySourceFeatures('wards').length }));
    const reportView = () => {
      handlers.current.onView?.(map.getBounds().toArray().flat() as [number, number, number, number]);
      const c = map.getCenter();
      handlers.current.onCamera?.({ centre: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() });
    };
    map.on('moveend', reportView);
    map.once('load', reportView);
    // Shift-drag draws a selection box. Listened for on the map's element before MapLibre sees the events, so the
    // map does not pan under the box and the box's corners are exactly where the pointer went down and up.
    const el = container.current!;
    let boxStart: { x: number; y: number } | null = null;
    const at = (e: PointerEvent) => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const drawBox = (a: { x: number; y: number }, b: { x: number; y: number }) => {
      const box = boxRef.current;
      if (!box) return;
      box.hidden = false;
      Object.assign(box.style, { left: `${Math.min(a.x, b.x)}px`, top: `${Math.min(a.y, b.y)}px`, width: `${Math.abs(a.x - b.x)}px`, height: `${Math.abs(a.y - b.y)}px` });
    };
    let lasso: { x: number; y: number }[] | null = null;
    const drawLasso = () => {
      const line = lassoRef.current;
      if (!line) return;
      line.setAttribute('points', (lasso ?? []).map((p) => `${p.x},${p.y}`).join(' '));
    };
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      if (e.altKey || lassoOn.current) {
        e.stopPropagation();
        e.preventDefault();
        lasso = [at(e)];
        drawLasso();
        el.setPointerCapture?.(e.pointerId);
        return;
      }
      if (!e.shiftKey) return;
      e.stopPropagation();
      e.preventDefault();
      boxStart = at(e);
      el.setPointerCapture?.(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (lasso) {
        e.stopPropagation();
        const p = at(e);
        const last = lasso[lasso.length - 1]!;
        // A vertex every few pixels keeps the shape smooth without thousands of corners.
        if (Math.hypot(p.x - last.x, p.y - last.y) >= 4) {
          lasso.push(p);
          drawLasso();
        }
        return;
      }
      if (!boxStart) return;
      e.stopPropagation();
      drawBox(boxStart, at(e));
    };
    const onUp = (e: PointerEvent) => {
      if (lasso) {
        e.stopPropagation();
        const path = lasso;
        lasso = null;
        drawLasso();
        if (path.length >= 3) handlers.current.onLasso?.(path.map((p) => map.unproject([p.x, p.y])).map((ll) => [ll.lng, ll.lat] as [number, number]));
        return;
      }
      if (!boxStart) return;
      e.stopPropagation();
      const start = boxStart;
      const end = at(e);
      boxStart = null;
      if (boxRef.current) boxRef.current.hidden = true;
      if (Math.abs(start.x - end.x) < 4 && Math.abs(start.y - end.y) < 4) {
        // Shift and click: the spend points under the pointer (as far as a point's radius reaches).
        if (map.getLayer('spend-points') && map.getLayoutProperty('spend-points', 'visibility') !== 'none') {
          const a = map.unproject([end.x - 4, end.y + 4]);
          const b = map.unproject([end.x + 4, end.y - 4]);
          handlers.current.onPickBox?.([a.lng, a.lat, b.lng, b.lat]);
        }
        return;
      }
      if (Math.abs(start.x - end.x) < 4 || Math.abs(start.y - end.y) < 4) return;
      const a = map.unproject([start.x, start.y]);
      const b = map.unproject([end.x, end.y]);
      handlers.current.onBoxSelect?.([Math.min(a.lng, b.lng), Math.min(a.lat, b.lat), Math.max(a.lng, b.lng), Math.max(a.lat, b.lat)]);
    };
    // MapLibre listens for mouse events as well as pointer events; a shift-press must reach neither.
    const swallowMouse = (e: MouseEvent) => {
      if (lasso || ((e.shiftKey || e.altKey || lassoOn.current) && (e.type !== 'mousemove' || boxStart))) e.stopPropagation();
    };
    el.addEventListener('pointerdown', onDown, true);
    el.addEventListener('pointermove', onMove, true);
    el.addEventListener('pointerup', onUp, true);
    for (const type of ['mousedown', 'mousemove', 'mouseup'] as const) el.addEventListener(type, swallowMouse, true);
    return () => {
      setLiveMap(null);
      map.remove();
      mapRef.current = null;
    };
    // The map is made once; later styles and bounds arrive through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const latest = useRef(style);
  latest.current = style;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !applied.current || applied.current === style) return;
    const apply = () => {
      const target = latest.current;
      if (!applied.current || applied.current === target || mapRef.current !== map) return;
      try {
        applyStyle(map, applied.current, target);
        applied.current = target;
      } catch (e) {
        // New data can arrive before the first style has loaded (a file opened at once on start): MapLibre refuses
        // changes until then, so the newest style is applied when it has.
        if (!/not done loading/i.test(String(e))) throw e;
        map.once('style.load', apply);
      }
    };
    apply();
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

  useEffect(() => {
    const canvas = mapRef.current?.getCanvas();
    if (canvas) canvas.style.cursor = pinMode || lassoMode ? 'crosshair' : '';
  }, [pinMode, lassoMode]);

  const cameraSeq = camera?.seq ?? 0;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !camera) return;
    // The layout may have just changed (presenting hides the panels): fly in the map's new size, or the flight ends
    // where the old centre pixel was.
    map.resize();
    const target = { center: camera.view.centre, zoom: camera.view.zoom, bearing: camera.view.bearing, pitch: camera.view.pitch };
    // flyTo zooms out and back in on long moves, so the room sees where the next place is; it honours reduced motion.
    if (camera.duration > 0) map.flyTo({ ...target, duration: camera.duration });
    else map.jumpTo(target);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cameraSeq]);

  return (
    <div className="map-frame">
      <div ref={container} className="map" role="application" aria-label={ariaLabel} data-testid="map" />
      <div ref={boxRef} className="map-box-select" hidden aria-hidden />
      <svg className="map-lasso" aria-hidden>
        <polyline ref={lassoRef} points="" />
      </svg>
    </div>
  );
}
