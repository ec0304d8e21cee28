// Connects the map to the store: builds the style from state and turns map events into actions.

import { useCallback, useEffect, useMemo, useState } from 'react';
import { MapView } from '../../map/MapView';
import { setSpendTileLoader, spendTilesUrl } from '../../map/spend-tiles';
import { MapImageDialog } from './MapImageDialog';
import { buildStyle } from '../../map/style';
import { useApp } from '../../store/context';
import type { HexProperties, MeetingPlacesResult } from '../../engine/contract';
import type { AppState } from '../../store/store';
import type { Feature, FeatureCollection } from 'geojson';
import { annotationPoint, type Annotation } from '../../domain/annotation';

let firstIdleMarked = false;

// Keeps the borough clear of the legend (left), the ledger (bottom) and the zoom buttons.
const PANEL_PADDING = { top: 50, right: 50, bottom: 70, left: 300 };
const WITH_WARD_PANEL = { ...PANEL_PADDING, right: 400 };
// Presenting: the key sits top left and the caption bottom left.
const PRESENT_PADDING = { top: 40, right: 40, bottom: 200, left: 360 };

export function MapPanel() {
  const data = useApp((s) => s.mapData);
  const classes = useApp((s) => s.classes);
  const wards = useApp((s) => s.filteredWards);
  const pointFilter = useApp((s) => s.explored?.resolved ?? null);
  const shownRow = useApp((s) => s.shownLine);
  const shownLine = useMemo(() => shownPoint(shownRow), [shownRow]);
  const tilesKey = useApp((s) => s.pointTiles);
  const pointTiles = tilesKey ? spendTilesUrl(tilesKey) : null;
  const spendTile = useApp((s) => s.spendTile);
  const pickLinesIn = useApp((s) => s.pickLinesIn);
  useEffect(() => setSpendTileLoader(spendTile), [spendTile]);
  const selectBox = useApp((s) => s.selectBox);
  const selectLasso = useApp((s) => s.selectLasso);
  const [lassoMode, setLassoMode] = useState(false);
  const basemap = useApp((s) => s.basemap);
  const metric = useApp((s) => s.wardMetric);
  const layers = useApp((s) => s.mapLayers);
  const clusterTiles = tilesKey && layers.clusters ? spendTilesUrl(tilesKey, 'clusters') : null;
  const hexes = useApp((s) => s.hexes);
  const setHoveredHex = useApp((s) => s.setHoveredHex);
  const hovered = useApp((s) => s.hovered?.code ?? null);
  const selectedWard = useApp((s) => s.selectedWard);
  const setHovered = useApp((s) => s.setHovered);
  const focus = useApp((s) => s.focus);
  const selectWard = useApp((s) => s.selectWard);
  const name = useApp((s) => s.summary?.name ?? 'No project');
  const meetingResult = useApp((s) => s.meeting);
  const drawn = useApp((s) => (s.filter.lasso && s.filter.lasso.length >= 3 ? s.filter.lasso : null));
  const openBrief = useApp((s) => s.openBrief);
  const setMapView = useApp((s) => s.setMapView);
  const chosenMeeting = useApp((s) => s.chosenMeeting);
  const chooseMeeting = useApp((s) => s.chooseMeeting);
  const meeting = useMemo(() => meetingFeatures(meetingResult, chosenMeeting), [meetingResult, chosenMeeting]);
  const presenting = useApp((s) => s.presenting !== null);
  const annotations = useApp((s) => s.annotations);
  const noteMode = useApp((s) => s.noteMode);
  const placeNote = useApp((s) => s.placeNote);
  const notes = useMemo(() => noteFeatures(annotations), [annotations]);
  const cameraRequest = useApp((s) => s.cameraRequest);
  const setCamera = useApp((s) => s.setCamera);

  const style = useMemo(
    () => buildStyle({ data, wards, classes, pointFilter, pointTiles, hoveredWard: hovered, selectedWard, shownLine, basemap, shadeBy: metric === 'lines' ? 'lines' : metric === 'per-resident' ? 'perResident' : metric === 'mix' ? 'mix' : 'total', layers, hexes, clusterTiles, meeting: meeting.outlines, meetingLabels: meeting.labels, presenting, notes }),
    [data, wards, classes, pointFilter, pointTiles, clusterTiles, hovered, selectedWard, shownLine, basemap, metric, layers, hexes, meeting, presenting, notes],
  );

  const onIdle = useCallback(
    ({ wardFeatures }: { wardFeatures: number }) => {
      const drawn = data !== null && (data.wards.features.length === 0 || wardFeatures > 0);
      document.documentElement.dataset.mapState = drawn ? 'idle' : 'waiting';
      if (drawn && !firstIdleMarked) {
        // Read by the benchmark and the end-to-end tests: time from navigation to a settled, drawn map.
        performance.mark('placelens:first-idle');
        firstIdleMarked = true;
      }
    },
    [data],
  );

  // The map starts when there is something to draw: blank frames drawn earlier would only compete with the engine for the CPU.
  if (!data) return null;
  return (
    <>
    <button
      type="button"
      className="lasso-button"
      aria-pressed={lassoMode}
      onClick={() => setLassoMode(!lassoMode)}
      title="Drag on the map to draw round the spend lines to keep (or hold Alt and drag)"
      data-testid="lasso-mode"
    >
      {lassoMode ? 'Drawing: drag round an area' : 'Draw a shape'}
    </button>
    <MapImageDialog style={style} />
    {drawn && (
      <button type="button" className="lasso-button shape-brief" onClick={() => void openBrief({ kind: 'shape', name: 'Drawn area', ring: drawn })} data-testid="shape-brief">
        Area brief for the shape…
      </button>
    )}
    <MapView
      style={style}
      bounds={data?.bounds ?? null}
      focus={focus}
      padding={presenting ? PRESENT_PADDING : selectedWard ? WITH_WARD_PANEL : PANEL_PADDING}
      onHoverWard={setHovered}
      onClickWard={(code) => void selectWard(code)}
      onHoverHex={(h) => setHoveredHex(h ? { hex: h.properties as unknown as HexProperties, x: h.x, y: h.y } : null)}
      onClickMeeting={chooseMeeting}
      onView={setMapView}
      camera={cameraRequest}
      onCamera={setCamera}
      onBoxSelect={(bbox) => void selectBox(bbox)}
      onPickBox={(bbox) => void pickLinesIn(bbox)}
      onLasso={(ring) => {
        if (noteMode === 'area') {
          placeNote({ type: 'Polygon', coordinates: [[...ring, ring[0]!]] });
          return;
        }
        setLassoMode(false);
        void selectLasso(ring);
      }}
      lassoMode={lassoMode || noteMode === 'area'}
      pinMode={noteMode === 'pin'}
      onPin={(at) => placeNote({ type: 'Point', coordinates: at })}
      onIdle={onIdle}
      ariaLabel={`Map of ${name}: wards shaded by total spend, spend lines as points by service area. Shift and drag to select a box, Alt and drag (or Draw a shape) to draw round an area, Shift and click to pick points. The same figures are in the ward panel and the table of spend lines.`}
    />
    </>
  );
}

/** The line picked in the table as the ring's one point; none when it has no point. */
function shownPoint(row: { id: number; lon: number | null; lat: number | null } | null): FeatureCollection | null {
  if (!row || row.lon === null || row.lat === null) return null;
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: row.id }, geometry: { type: 'Point', coordinates: [row.lon, row.lat] } }] };
}

/** Notes as map features: each area's outline, and a numbered marker at each pin or area's centre (its number in the list). */
function noteFeatures(annotations: readonly Annotation[]): FeatureCollection | null {
  if (annotations.length === 0) return null;
  const features: Feature[] = [];
  annotations.forEach((a, i) => {
    if (a.geometry.type === 'Polygon') features.push({ type: 'Feature', properties: { kind: 'area', n: i + 1 }, geometry: a.geometry });
    features.push({ type: 'Feature', properties: { kind: 'label', n: i + 1 }, geometry: { type: 'Point', coordinates: annotationPoint(a) } });
  });
  return { type: 'FeatureCollection', features };
}

/** Rank labels drawn at most for this many places; the panel lists them all. */
const LABELLED_PLACES = 25;

/** The meeting places and gaps as map features: outlines, and a labelled point at each one's centre. */
function meetingFeatures(result: MeetingPlacesResult | null, chosen: AppState['chosenMeeting']): { outlines: FeatureCollection | null; labels: FeatureCollection | null } {
  if (!result) return { outlines: null, labels: null };
  const outlines: Feature[] = [];
  const labels: Feature[] = [];
  result.places.forEach((p) => {
    const isChosen = chosen?.kind === 'place' && chosen.rank === p.rank ? 1 : 0;
    outlines.push({ type: 'Feature', properties: { rank: p.rank, areas: p.present.length, kind: p.kind, gap: 0, chosen: isChosen }, geometry: p.outline });
    if (p.rank <= LABELLED_PLACES || isChosen) labels.push({ type: 'Feature', properties: { rank: p.rank, label: String(p.rank), gap: 0 }, geometry: { type: 'Point', coordinates: p.centre } });
  });
  result.gaps.forEach((g, index) => {
    const isChosen = chosen?.kind === 'gap' && chosen.index === index ? 1 : 0;
    outlines.push({ type: 'Feature', properties: { index, gap: 1, chosen: isChosen, rank: 0, areas: 0 }, geometry: g.outline });
    labels.push({ type: 'Feature', properties: { index, label: `G${index + 1}`, gap: 1 }, geometry: { type: 'Point', coordinates: g.centre } });
  });
  return { outlines: { type: 'FeatureCollection', features: outlines }, labels: { type: 'FeatureCollection', features: labels } };
}
