// Workshop stories: the project's slides, the slide shown, and presenting them one after another.

import type { StoreApi } from 'zustand/vanilla';
import {
  DEFAULT_STORY_NAME, duplicateSlide, moveSlide, newSlideId, periodOfFilter, proposeCaption, removeSlide, restoreSlide,
  type RemovedSlide, type Slide, type SlideView,
} from '../domain/story';
import type { InputProblem } from '../domain/problems';
import { storyHtml, type StoryDocument, type StoryPage } from '../domain/story-export';
import { SERVICE_AREAS, SERVICE_AREA_COLOUR, SERVICE_AREA_LABEL } from '../domain/service-areas';
import { formatCompact } from '../domain/money';
import { DEFAULT_LAYERS, type MapLayers } from '../map/style';
import type { AppState, Deps } from './store';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export interface StorySlice {
  storyName: string;
  slides: Slide[];
  /** Stored slides that could not be read when the project was opened (left out, and said so). */
  storyProblems: InputProblem[];
  storyOpen: boolean;
  toggleStory(open?: boolean): void;
  /** The slide last shown or added (highlighted in the list; Present starts from it with Shift+F5). */
  currentSlide: string | null;
  /** The last slide deleted, until Undo or the next deletion. */
  removedSlide: RemovedSlide | null;
  /** The map's camera as it last settled, reported by the map; a new slide saves it. */
  camera: SlideView | null;
  setCamera(view: SlideView): void;
  /** A request to move the map to a slide's view; `seq` changes with each request, `duration` in ms (0: jump). */
  cameraRequest: { view: SlideView; seq: number; duration: number } | null;
  loadStory(): Promise<void>;
  setStoryName(name: string): Promise<void>;
  /** A slide of the map as it is now (place, layers, filters, ward or meeting place), with a caption proposed from the figures. */
  addSlide(): Promise<void>;
  editSlide(id: string, patch: Partial<Pick<Slide, 'title' | 'caption' | 'notes'>>): Promise<void>;
  /** A fresh caption (and title) from the figures the slide shows: the slide is shown first, then described. */
  proposeSlideCaption(id: string): Promise<void>;
  /** Replaces the slide's view and filters with the map as it is now, keeping its words. */
  updateSlideView(id: string): Promise<void>;
  moveSlide(from: number, to: number): Promise<void>;
  duplicateSlide(index: number): Promise<void>;
  deleteSlide(index: number): Promise<void>;
  undoDeleteSlide(): Promise<void>;
  /** Puts the map, filters and selection as the slide has them; resolves when the figures are in. */
  showSlide(id: string, options?: { duration?: number }): Promise<void>;
  /** Presenting: the slide's index on screen, or null when not presenting. */
  presenting: { index: number } | null;
  present(from?: number): Promise<void>;
  stopPresenting(): void;
  nextSlide(): Promise<void>;
  previousSlide(): Promise<void>;
  goToSlide(index: number): Promise<void>;
  /** Drawing every slide for a handout or the offline file: how far it has got. */
  storyExport: { done: number; total: number } | null;
  /** The handout shown for printing (one landscape A4 page per slide); null when closed. */
  handout: StoryDocument | null;
  /** Draws each slide's map as presented and shows the handout, ready for Export PDF…. */
  openHandout(): Promise<void>;
  closeHandout(): void;
  /** Desktop: the handout as a PDF where the person chooses. Web shell: the browser's print dialog. */
  printHandout(): Promise<void>;
  /** Every slide in one self-contained HTML file that opens in any browser with no network. */
  exportStoryHtml(): Promise<void>;
}

/** A slide's move, long enough to see where the map went, short enough not to hold up the room. */
export const SLIDE_TRANSITION_MS = 900;

export function storySlice(set: Set, get: Get, deps: Deps): StorySlice {
  let showSeq = 0;

  /**
   * Each slide shown on the live map in turn and pictured as drawn, then the map put back as it was. The pictures
   * are the presentation's own, so the handout and the offline file show what the room saw.
   */
  async function drawStory(): Promise<StoryDocument | null> {
    const slides = get().slides;
    if (slides.length === 0) {
      set({ alert: { title: 'There are no slides to export', problems: [], message: 'Add a slide first: + Add slide saves the map as it is now.' } });
      return null;
    }
    if (!deps.maps) throw new Error('no map services in this shell');
    const before = get();
    const restore = { filter: before.filter, mapLayers: before.mapLayers, wardMetric: before.wardMetric, selectedWard: before.selectedWard, chosenMeeting: before.chosenMeeting, camera: before.camera, currentSlide: before.currentSlide };
    const pages: StoryPage[] = [];
    set({ storyExport: { done: 0, total: slides.length } });
    try {
      for (const [i, slide] of slides.entries()) {
        await get().showSlide(slide.id, { duration: 0 });
        const picture = await deps.maps.captureMap();
        pages.push({ title: slide.title, caption: slide.caption, image: picture.dataUrl, width: picture.width, height: picture.height, ...keyNow() });
        set({ storyExport: { done: i + 1, total: slides.length } });
      }
    } finally {
      set({ storyExport: null, mapLayers: restore.mapLayers, wardMetric: restore.wardMetric, currentSlide: restore.currentSlide });
      if (restore.camera) set({ cameraRequest: { view: restore.camera, seq: (get().cameraRequest?.seq ?? 0) + 1, duration: 0 } });
      await get().setFilter(restore.filter);
      await get().selectWard(restore.selectedWard);
      set({ chosenMeeting: restore.chosenMeeting });
    }
    const s = get();
    const attributions = [
      `Ward boundaries: ${s.summary?.wardsFile ?? 'the project’s wards'}${s.summary?.boundaryVintage ? ` (${s.summary.boundaryVintage})` : ''}.`,
      ...(s.basemap ? [`Basemap: ${s.basemap.attribution}`] : []),
    ];
    return { storyName: s.storyName, projectName: s.summary?.name ?? 'PlaceLens project', notice: s.summary?.notice ?? null, madeOn: new Date().toISOString().slice(0, 10), attributions, pages };
  }

  /** The key of what the map shows now: the service areas drawn as points, and what the ward shading means. */
  function keyNow(): Pick<StoryPage, 'key' | 'shading'> {
    const s = get();
    const pointsShown = s.mapLayers.points || s.mapLayers.clusters;
    const key = pointsShown ? SERVICE_AREAS.filter((a) => s.filter.areas.includes(a)).map((a) => ({ label: SERVICE_AREA_LABEL[a], colour: SERVICE_AREA_COLOUR[a] })) : [];
    const top = s.classes.length > 0 ? Math.max(...s.classes.map((c) => c.to)) : 0;
    const shading = !s.mapLayers.shading
      ? null
      : s.wardMetric === 'mix'
        ? 'Darker wards: more services meet there.'
        : s.wardMetric === 'lines'
          ? 'Darker wards: more payments.'
          : s.wardMetric === 'per-resident'
            ? 'Darker wards: more spend per resident.'
            : `Darker wards: more spend (up to ${formatCompact(top)}).`;
    return { key, shading };
  }

  async function persist(slides: Slide[], extra: Partial<AppState> = {}): Promise<void> {
    set({ slides, ...extra });
    await deps.engine.setStory({ name: get().storyName, slides });
    get().markChanged();
  }

  /**
   * The slide's words from the figures for what is on screen now, asked of the engine afresh: a slide added the
   * moment after a filter changed must not be described by the answer to the filter before.
   */
  async function captionNow(): Promise<{ title: string; caption: string }> {
    const s = get();
    const filter = s.filter;
    const chosen = s.chosenMeeting;
    const place = chosen?.kind === 'place' ? s.meeting?.places[chosen.rank - 1] : undefined;
    const gap = chosen?.kind === 'gap' ? s.meeting?.gaps[chosen.index] : undefined;
    const detail = s.selectedWard ? await deps.engine.wardDetail(s.selectedWard, filter) : null;
    const explored = detail ? null : await deps.engine.explore(filter);
    const missions = s.filterOptions?.missions ?? [];
    return proposeCaption({
      wardName: detail?.name ?? null,
      meeting: place ? { title: place.title, sentence: place.sentence } : gap ? { title: gap.title, sentence: gap.sentence } : null,
      pence: detail ? detail.totalPence : (explored?.pence ?? 0),
      lines: detail ? detail.lines : (explored?.lines ?? 0),
      byArea: detail ? detail.byArea : (explored?.byArea ?? { 'social-care': 0, youth: 0, estates: 0, 'green-spaces': 0, other: 0 }),
      filter,
      period: periodOfFilter(filter),
      missionLabel: (id) => missions.find((m) => m.id === id)?.label ?? id,
    });
  }

  function snapshot(): Pick<Slide, 'view' | 'state'> {
    const s = get();
    const view = s.camera ?? fallbackView(s);
    return {
      view,
      state: {
        filter: structuredClone(s.filter),
        layers: { ...s.mapLayers },
        wardMetric: s.wardMetric,
        selectedWard: s.selectedWard,
        meeting: s.chosenMeeting,
      },
    };
  }

  return {
    storyName: DEFAULT_STORY_NAME,
    slides: [],
    storyProblems: [],
    storyOpen: false,
    toggleStory(open) {
      set({ storyOpen: open ?? !get().storyOpen });
    },
    currentSlide: null,
    removedSlide: null,
    camera: null,
    setCamera(view) {
      set({ camera: view });
    },
    cameraRequest: null,
    async loadStory() {
      const story = await deps.engine.story();
      const current = get().currentSlide;
      set({
        storyName: story.name,
        slides: story.slides,
        storyProblems: story.problems,
        currentSlide: story.slides.some((s) => s.id === current) ? current : null,
        removedSlide: null,
      });
    },
    async setStoryName(name) {
      const stored = await deps.engine.setStory({ name, slides: get().slides });
      set({ storyName: stored.name });
      get().markChanged();
    },
    async addSlide() {
      // The view as it is at the click; the words once the engine has counted it.
      const view = snapshot();
      const words = await captionNow();
      const slides = get().slides;
      const id = newSlideId(slides.map((s) => s.id));
      const slide: Slide = { id, ...words, notes: '', ...view };
      const at = get().currentSlide ? slides.findIndex((s) => s.id === get().currentSlide) + 1 : slides.length;
      const next = [...slides];
      next.splice(at <= 0 ? slides.length : at, 0, slide);
      await persist(next, { currentSlide: id, storyOpen: true });
    },
    async editSlide(id, patch) {
      const slides = get().slides.map((s) => (s.id === id ? { ...s, ...patch } : s));
      const before = get().slides.find((s) => s.id === id);
      if (!before || (Object.keys(patch) as (keyof typeof patch)[]).every((k) => patch[k] === before[k])) return;
      await persist(slides);
    },
    async proposeSlideCaption(id) {
      await get().showSlide(id, { duration: 0 });
      const words = await captionNow();
      await persist(get().slides.map((s) => (s.id === id ? { ...s, ...words } : s)));
    },
    async updateSlideView(id) {
      const now = snapshot();
      await persist(get().slides.map((s) => (s.id === id ? { ...s, ...now } : s)), { currentSlide: id });
    },
    async moveSlide(from, to) {
      await persist(moveSlide(get().slides, from, to));
    },
    async duplicateSlide(index) {
      const slides = get().slides;
      const id = newSlideId(slides.map((s) => s.id));
      await persist(duplicateSlide(slides, index, id), { currentSlide: id });
    },
    async deleteSlide(index) {
      const { slides, removed } = removeSlide(get().slides, index);
      if (!removed) return;
      const current = get().currentSlide === removed.slide.id ? null : get().currentSlide;
      await persist(slides, { removedSlide: removed, currentSlide: current });
    },
    async undoDeleteSlide() {
      const removed = get().removedSlide;
      if (!removed) return;
      await persist(restoreSlide(get().slides, removed), { removedSlide: null, currentSlide: removed.slide.id });
    },
    async showSlide(id, options = {}) {
      const slide = get().slides.find((s) => s.id === id);
      if (!slide) return;
      const request = ++showSeq;
      const { state, view } = slide;
      const layers: MapLayers = { ...DEFAULT_LAYERS };
      for (const key of Object.keys(DEFAULT_LAYERS) as (keyof MapLayers)[]) if (typeof state.layers[key] === 'boolean') layers[key] = state.layers[key];
      // The camera first, so the map is on its way while the engine counts the slide's figures.
      set({
        currentSlide: id,
        mapLayers: layers,
        wardMetric: get().mapData?.wards.features.some((f) => (f.properties.population ?? 0) > 0) || state.wardMetric !== 'per-resident' ? state.wardMetric : 'pence',
        chosenMeeting: null,
        meeting: layers.meeting ? get().meeting : null,
        shownLine: null,
        cameraRequest: { view, seq: (get().cameraRequest?.seq ?? 0) + 1, duration: options.duration ?? SLIDE_TRANSITION_MS },
      });
      // The slide's ward (if the wards still have it) is selected before the filter is applied, so the filter's
      // refresh counts its profile once, under the slide's filter.
      const wardThere = state.selectedWard !== null && get().mapData?.wards.features.some((f) => f.properties.code === state.selectedWard);
      const ward = wardThere ? state.selectedWard : null;
      if (get().selectedWard !== ward) set({ selectedWard: ward, wardDetail: null, compareWard: null, compareDetail: null });
      await get().setFilter(state.filter);
      if (request !== showSeq) return;
      const meeting = get().meeting;
      const m = state.meeting;
      const meetingThere = m && meeting && (m.kind === 'place' ? m.rank <= meeting.places.length : m.index < meeting.gaps.length);
      set({ chosenMeeting: meetingThere ? m : null });
    },
    presenting: null,
    async present(from = 0) {
      const slides = get().slides;
      if (slides.length === 0) {
        set({ alert: { title: 'There are no slides to present', problems: [], message: 'Open Story and press “Add slide” to save the map as it is now as the first slide.' } });
        return;
      }
      const index = Math.max(0, Math.min(slides.length - 1, from));
      set({ presenting: { index }, hovered: null, hoveredHex: null });
      get().tellAudience(index);
      await get().showSlide(slides[index]!.id);
    },
    stopPresenting() {
      set({ presenting: null });
      get().endPresenterView();
    },
    async nextSlide() {
      const p = get().presenting;
      if (p) await get().goToSlide(p.index + 1);
    },
    async previousSlide() {
      const p = get().presenting;
      if (p) await get().goToSlide(p.index - 1);
    },
    storyExport: null,
    handout: null,
    async openHandout() {
      const doc = await drawStory();
      if (doc) set({ handout: doc });
    },
    closeHandout() {
      set({ handout: null });
    },
    async printHandout() {
      const doc = get().handout;
      if (!doc) return;
      await deps.platform.printPage({ title: 'Export handout as PDF', suggestedName: `${safeName(doc.storyName)} - handout.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }], landscape: true });
    },
    async exportStoryHtml() {
      const doc = await drawStory();
      if (!doc) return;
      await deps.platform.saveFile(
        { title: 'Export story as a web page', suggestedName: `${safeName(doc.storyName)}.html`, filters: [{ name: 'Web page (works offline)', extensions: ['html'] }] },
        new TextEncoder().encode(storyHtml(doc)),
      );
    },
    async goToSlide(index) {
      const p = get().presenting;
      const slides = get().slides;
      if (!p || index < 0 || index >= slides.length || index === p.index) return;
      set({ presenting: { index } });
      get().tellAudience(index);
      await get().showSlide(slides[index]!.id);
    },
  };
}

/** A name a file system accepts. */
function safeName(name: string): string {
  return name.replace(/[/\\:*?"<>|]+/g, ' ').trim() || 'story';
}

/** Before the map has reported where it looks: the middle of the wards' bounds at a borough zoom. */
function fallbackView(s: AppState): SlideView {
  const b = s.mapData?.bounds;
  if (!b) return { centre: [0, 51.5], zoom: 11, bearing: 0, pitch: 0 };
  return { centre: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], zoom: 12, bearing: 0, pitch: 0 };
}
