// Export map image…: the map as it is seen, drawn again at a paper size and resolution, with its legend,
// scale and attributions drawn into the picture so it can be pasted into a report on its own.

import { useState } from 'react';
import type { buildStyle } from '../../map/style';
import { useApp } from '../../store/context';
import { PrintMap, type PrintedMap } from '../../map/PrintMap';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../../domain/service-areas';
import { NO_SPEND_COLOUR } from '../../domain/choropleth';
import { scaleBar } from '../../domain/brief';

type StyleSpecification = ReturnType<typeof buildStyle>;

/** Paper sizes in millimetres (landscape first); "screen" is a 16:10 picture for slides. */
export const MAP_IMAGE_SIZES = {
  'a4-landscape': { label: 'A4 landscape', mm: [297, 210] },
  'a4-portrait': { label: 'A4 portrait', mm: [210, 297] },
  'a3-landscape': { label: 'A3 landscape', mm: [420, 297] },
  slide: { label: 'Slide (16:10, 254 mm wide)', mm: [254, 158.75] },
} as const;
export type MapImageSize = keyof typeof MAP_IMAGE_SIZES;
/** Largest side in pixels: bigger pictures exceed what graphics cards (and SwiftShader) will draw in one go. */
export const MAX_IMAGE_SIDE = 6000;

/** The picture's size in pixels, and the map's in CSS pixels with the ratio between them, for a paper size and dpi. */
export function imagePixels(size: MapImageSize, dpi: number): { width: number; height: number; cssWidth: number; cssHeight: number; pixelRatio: number } {
  const [wmm, hmm] = MAP_IMAGE_SIZES[size].mm;
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max((wmm / 25.4) * dpi, (hmm / 25.4) * dpi));
  const width = Math.round((wmm / 25.4) * dpi * scale);
  const height = Math.round((hmm / 25.4) * dpi * scale);
  // Drawn at 96 CSS pixels to the inch, so labels and lines keep their size on paper; the ratio makes up the dpi.
  const pixelRatio = (dpi * scale) / 96;
  return { width, height, cssWidth: Math.round(width / pixelRatio), cssHeight: Math.round(height / pixelRatio), pixelRatio };
}

export function MapImageDialog({ style }: { style: StyleSpecification }) {
  const open = useApp((s) => s.mapImageOpen);
  const close = useApp((s) => s.openMapImage);
  const view = useApp((s) => s.mapView);
  const save = useApp((s) => s.saveMapImage);
  const classes = useApp((s) => s.classes);
  const areas = useApp((s) => s.filter.areas);
  const notice = useApp((s) => s.summary?.notice ?? null);
  const projectName = useApp((s) => s.summary?.name ?? 'PlaceLens');
  const basemap = useApp((s) => s.basemap);
  const [size, setSize] = useState<MapImageSize>('a4-landscape');
  const [dpi, setDpi] = useState(200);
  const [drawing, setDrawing] = useState<{ style: StyleSpecification; px: ReturnType<typeof imagePixels> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!open || !view) return null;
  const px = imagePixels(size, dpi);

  const finish = async (printed: PrintedMap, pixels: ReturnType<typeof imagePixels>) => {
    try {
      const bytes = await compose(printed, pixels, {
        title: projectName,
        classes: classes.map((c) => ({ colour: c.colour, label: c.label })),
        noSpend: NO_SPEND_COLOUR,
        areas: SERVICE_AREAS.filter((a) => areas.includes(a)).map((a) => ({ colour: SERVICE_AREA_COLOUR[a], label: SERVICE_AREA_LABEL[a] })),
        attributions: [notice, basemap?.attribution ?? null, `Made with PlaceLens, ${new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}`].filter((x): x is string => !!x),
      });
      await save(bytes, `${projectName.replace(/[/\\:*?"<>|]+/g, ' ').trim() || 'map'} - map.png`);
      setDrawing(null);
      close(false);
    } catch (e) {
      setDrawing(null);
      setError((e as Error).message);
    }
  };

  return (
    <div className="alert-backdrop" role="presentation">
      <div className="alert panel map-image-dialog" role="dialog" aria-modal="true" aria-labelledby="map-image-title" data-testid="map-image-dialog">
        <h2 id="map-image-title">Export map image</h2>
        <p className="muted small">The map as it is now (its view, layers and filters), with the legend, a scale bar and the attributions drawn in.</p>
        <label>
          Size{' '}
          <select value={size} onChange={(e) => setSize(e.target.value as MapImageSize)} data-testid="map-image-size">
            {Object.entries(MAP_IMAGE_SIZES).map(([k, v]) => (
              <option key={k} value={k}>{v.label}</option>
            ))}
          </select>
        </label>{' '}
        <label>
          Resolution{' '}
          <select value={dpi} onChange={(e) => setDpi(Number(e.target.value))} data-testid="map-image-dpi">
            {[150, 200, 300].map((d) => (
              <option key={d} value={d}>{d} dpi</option>
            ))}
          </select>
        </label>
        <p className="small" data-testid="map-image-pixels">
          {px.width.toLocaleString('en-GB')} × {px.height.toLocaleString('en-GB')} pixels
          {px.pixelRatio * 96 < dpi - 0.5 ? ` (${Math.round(px.pixelRatio * 96)} dpi: ${MAX_IMAGE_SIDE.toLocaleString('en-GB')} pixels a side at most)` : ''}
        </p>
        {error && <p className="error" role="alert">The image could not be made: {error}</p>}
        <div className="actions">
          <button type="button" onClick={() => { setError(null); setDrawing({ style, px }); }} disabled={drawing !== null} data-testid="map-image-export">
            {drawing ? 'Drawing…' : 'Export PNG…'}
          </button>
          <button type="button" onClick={() => close(false)}>Cancel</button>
        </div>
        {drawing && (
          // Drawn off screen at full size; only the finished picture is kept.
          <div className="offscreen" aria-hidden>
            <PrintMap style={drawing.style} bounds={view} width={drawing.px.cssWidth} height={drawing.px.cssHeight} pixelRatio={drawing.px.pixelRatio} alt="" fit="contain" onReady={(m) => void finish(m, drawing.px)} />
          </div>
        )}
      </div>
    </div>
  );
}

interface LegendContent {
  title: string;
  classes: { colour: string; label: string }[];
  noSpend: string;
  areas: { colour: string; label: string }[];
  attributions: string[];
}

/** The map picture with a legend box (bottom left) and the attributions (bottom right), as PNG bytes. */
async function compose(printed: PrintedMap, px: ReturnType<typeof imagePixels>, legend: LegendContent): Promise<Uint8Array> {
  const img = new Image();
  img.src = printed.image;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = px.width;
  canvas.height = px.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw the picture');
  ctx.drawImage(img, 0, 0, px.width, px.height);
  const k = px.pixelRatio;
  const font = (size: number, weight = 400) => `${weight} ${size * k}px "Noto Sans", sans-serif`;
  const pad = 8 * k;
  const row = 16 * k;

  const scale = scaleBar(printed.metresPerPixel, 120);
  const lines = 2 + legend.classes.length + 1 + (legend.areas.length > 0 ? 1 + legend.areas.length : 0) + 2;
  const boxW = 210 * k;
  const boxH = lines * row + pad * 2;
  const x0 = 10 * k;
  const y0 = px.height - boxH - 10 * k;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.fillRect(x0, y0, boxW, boxH);
  ctx.strokeStyle = '#7a6f62';
  ctx.lineWidth = k;
  ctx.strokeRect(x0, y0, boxW, boxH);
  let y = y0 + pad + row * 0.8;
  const text = (t: string, x: number, size = 11, weight = 400) => {
    ctx.fillStyle = '#1f1a14';
    ctx.font = font(size, weight);
    ctx.fillText(t, x, y, boxW - (x - x0) - pad);
  };
  text(legend.title, x0 + pad, 12, 700);
  y += row;
  text('Ward shading', x0 + pad, 10, 700);
  y += row;
  for (const c of [...legend.classes].reverse()) {
    ctx.fillStyle = c.colour;
    ctx.fillRect(x0 + pad, y - 10 * k, 22 * k, 11 * k);
    text(c.label, x0 + pad + 28 * k, 10);
    y += row;
  }
  ctx.fillStyle = legend.noSpend;
  ctx.fillRect(x0 + pad, y - 10 * k, 22 * k, 11 * k);
  text('No spend placed', x0 + pad + 28 * k, 10);
  y += row;
  if (legend.areas.length > 0) {
    text('Spend lines by service area', x0 + pad, 10, 700);
    y += row;
    for (const a of legend.areas) {
      ctx.fillStyle = a.colour;
      ctx.beginPath();
      ctx.arc(x0 + pad + 6 * k, y - 4 * k, 5 * k, 0, Math.PI * 2);
      ctx.fill();
      text(a.label, x0 + pad + 28 * k, 10);
      y += row;
    }
  }
  // Scale bar: its length in the picture's pixels is the map's CSS pixels times the ratio.
  y += row * 0.3;
  ctx.fillStyle = '#1f1a14';
  ctx.fillRect(x0 + pad, y - 6 * k, scale.pixels * k, 5 * k);
  text(scale.label, x0 + pad + scale.pixels * k + 6 * k, 10);
  y += row;
  text('North is up', x0 + pad, 9);

  // Attributions, right-aligned along the bottom.
  ctx.font = font(9);
  const widths = legend.attributions.map((a) => ctx.measureText(a).width);
  const attrW = Math.max(0, ...widths) + pad * 2;
  const attrH = legend.attributions.length * 13 * k + pad;
  ctx.fillStyle = 'rgba(255,255,255,0.88)';
  ctx.fillRect(px.width - attrW - 10 * k, px.height - attrH - 10 * k, attrW, attrH);
  ctx.fillStyle = '#1f1a14';
  legend.attributions.forEach((a, i) => ctx.fillText(a, px.width - attrW - 10 * k + pad, px.height - attrH - 10 * k + pad + (i + 0.8) * 13 * k));

  const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
  if (!blob) throw new Error('the picture could not be encoded as PNG');
  return new Uint8Array(await blob.arrayBuffer());
}
