// The meeting-places view's state: the project's parameters, the analysis of the filtered lines, and the place chosen.

import type { StoreApi } from 'zustand/vanilla';
import type { MeetingPlacesResult } from '../engine/contract';
import { DEFAULT_MEET_PARAMS, type MeetParams } from '../domain/meeting-places';
import type { AppState, Deps } from './store';

type Set = StoreApi<AppState>['setState'];
type Get = StoreApi<AppState>['getState'];

export interface MeetSlice {
  /** The project's parameters (defaults until the project says otherwise). */
  meetParams: MeetParams;
  /** The analysis of the lines the filter keeps; null until asked for (the meeting-places layer is on). */
  meeting: MeetingPlacesResult | null;
  /** While the worker is finding places: how far it is (0–1). */
  meetingProgress: number | null;
  /** The meeting place whose profile is open (its rank), or a gap (its index in `gaps`). */
  chosenMeeting: { kind: 'place'; rank: number } | { kind: 'gap'; index: number } | null;
  loadMeetParams(): Promise<void>;
  /** Stores new parameters in the project (an unsaved change) and finds the places again. */
  setMeetParams(params: MeetParams): Promise<void>;
  loadMeeting(): Promise<void>;
  /** Opens a place's or gap's profile and flies the map there; null goes back to the list. */
  chooseMeeting(choice: MeetSlice['chosenMeeting']): void;
}

export function meetSlice(set: Set, get: Get, deps: Deps): MeetSlice {
  let seq = 0;
  return {
    meetParams: DEFAULT_MEET_PARAMS,
    meeting: null,
    meetingProgress: null,
    chosenMeeting: null,
    async loadMeetParams() {
      const params = await deps.engine.meetParams();
      set({ meetParams: params, hexResolution: params.hexResolution });
    },
    async setMeetParams(params) {
      const stored = await deps.engine.setMeetParams(params);
      const hexChanged = stored.hexResolution !== get().hexResolution;
      set({ meetParams: stored, hexResolution: stored.hexResolution, chosenMeeting: null });
      get().markChanged();
      await Promise.all([get().loadMeeting(), hexChanged ? get().loadHexes() : Promise.resolve()]);
    },
    async loadMeeting() {
      if (!get().mapLayers.meeting) return;
      const request = ++seq;
      set({ meetingProgress: 0 });
      try {
        // Marks for the benchmark: how much of the wait is the worker's, how much the page's.
        globalThis.performance?.mark?.('placelens:meeting-asked');
        let answered = false;
        const meeting = await deps.engine.meetingPlaces(get().filter, (p) => {
          // Progress messages cross from the worker on their own and can land after the answer: those are dropped.
          if (request === seq && !answered) set({ meetingProgress: p.fraction });
        });
        answered = true;
        globalThis.performance?.mark?.('placelens:meeting-answered');
        if (request !== seq) return;
        const chosen = get().chosenMeeting;
        // A profile stays open only while its place is still in the answer.
        const stillThere = chosen === null || (chosen.kind === 'place' ? chosen.rank <= meeting.places.length : chosen.index < meeting.gaps.length);
        set({ meeting, meetingProgress: null, chosenMeeting: stillThere ? chosen : null });
      } catch (e) {
        if (request === seq) set({ meetingProgress: null });
        throw e;
      }
    },
    chooseMeeting(choice) {
      set({ chosenMeeting: choice });
      const meeting = get().meeting;
      if (!choice || !meeting) return;
      const outline = choice.kind === 'place' ? meeting.places[choice.rank - 1]?.outline : meeting.gaps[choice.index]?.outline;
      if (!outline) return;
      if (get().selectedWard) void get().selectWard(null);
      set({ focus: { bounds: outlineBounds(outline), seq: (get().focus?.seq ?? 0) + 1 } });
    },
  };
}

function outlineBounds(g: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  }
  // A little room round the place, so its surroundings show.
  const padX = (e - w) * 0.3 + 0.001;
  const padY = (n - s) * 0.3 + 0.0007;
  return [w - padX, s - padY, e + padX, n + padY];
}
