// The project's story: stored one row per slide, read back whole, damaged rows reported, older projects migrated.
import initSqlJs from 'sql.js';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../renderer/engine/engine';
import { SCHEMA_VERSION } from '../../renderer/engine/schema';
import { defaultFilter } from '../../renderer/domain/spend-filter';
import type { Slide } from '../../renderer/domain/story';
import { demoInput } from '../demo-input';
import { FIXTURES, readBytes } from '../paths';

const SQL = await initSqlJs();

function slide(id: string, title: string, over: Partial<Slide> = {}): Slide {
  return {
    id,
    title,
    caption: `${title}: what the room should see`,
    notes: `notes for ${title}`,
    view: { centre: [0.12, 51.53], zoom: 12.5, bearing: 0, pitch: 0 },
    state: { filter: { ...defaultFilter(), areas: ['youth', 'estates'], from: '2023-04-01', to: '2024-03-31' }, layers: { meeting: true, points: false }, wardMetric: 'mix', selectedWard: null, meeting: { kind: 'place', rank: 1 } },
    ...over,
  };
}

describe('a project’s story', () => {
  it('is empty in a new project, and survives save and open slide for slide, in order', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    expect(await engine.story()).toEqual({ name: 'Workshop story', slides: [], problems: [] });
    const slides = [slide('s1', 'The borough'), slide('s2', 'Emberley', { state: { ...slide('x', 'x').state, selectedWard: 'FEN05', meeting: null } }), slide('s3', 'East side')];
    await engine.setStory({ name: 'Estates workshop, March', slides });
    const reopened = new Engine(SQL);
    const opened = await reopened.openProject({ name: 'story.gpkg', bytes: engine.exportBytes() });
    expect(opened.ok).toBe(true);
    const story = await reopened.story();
    expect(story.name).toBe('Estates workshop, March');
    expect(story.slides).toEqual(slides);
    expect(story.problems).toEqual([]);
    // Reordered and shortened: the file holds exactly the new list.
    await reopened.setStory({ name: story.name, slides: [slides[2]!, slides[0]!] });
    expect((await reopened.story()).slides.map((s) => s.id)).toEqual(['s3', 's1']);
  });

  it('keeps the words in plain columns anyone can read with an SQLite tool', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    await engine.setStory({ name: 'Plain', slides: [slide('s1', 'Youth clubs')] });
    const db = new SQL.Database(engine.exportBytes());
    const [row] = db.exec('SELECT story, position, title, caption, notes FROM story_slides')[0]!.values;
    db.close();
    expect(row).toEqual(['Plain', 0, 'Youth clubs', 'Youth clubs: what the room should see', 'notes for Youth clubs']);
  });

  it('leaves out a damaged slide with a problem naming it, and shows the rest', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    await engine.setStory({ name: 'Story', slides: [slide('s1', 'First'), slide('s2', 'Second')] });
    const db = new SQL.Database(engine.exportBytes());
    db.run(`UPDATE story_slides SET view = '{"centre":"somewhere","zoom":12}' WHERE id = 's1'`);
    const damaged = db.export();
    db.close();
    const reopened = new Engine(SQL);
    expect((await reopened.openProject({ name: 'edited.gpkg', bytes: damaged })).ok).toBe(true);
    const story = await reopened.story();
    expect(story.slides.map((s) => s.id)).toEqual(['s2']);
    expect(story.problems).toEqual([{ file: 'story_slides', row: 1, severity: 'warning', reason: 'slide 1 (“First”) was left out: its map centre is not a longitude and latitude' }]);
  });

  it('refuses to store a slide whose view is not a place on Earth, keeping the story as it was', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    await engine.setStory({ name: 'Story', slides: [slide('s1', 'Good')] });
    const bad = slide('s2', 'Bad', { view: { centre: [500, 0], zoom: 10, bearing: 0, pitch: 0 } });
    await expect(engine.setStory({ name: 'Story', slides: [slide('s1', 'Good'), bad] })).rejects.toThrow('slide “Bad” cannot be stored: its map centre is not a longitude and latitude');
    expect((await engine.story()).slides.map((s) => s.id)).toEqual(['s1']);
  });

  it('is added, empty, to a project saved by an older PlaceLens, which then saves in the current format', async () => {
    for (const fixture of ['demo-schema-1.placelens.sqlite', 'demo-schema-2.gpkg', 'demo-schema-3.gpkg']) {
      const engine = new Engine(SQL);
      const opened = await engine.openProject({ name: fixture, bytes: readBytes(resolve(FIXTURES, 'projects', fixture)) });
      expect(opened.ok, fixture).toBe(true);
      expect((await engine.story()).slides, fixture).toEqual([]);
      await engine.setStory({ name: 'After migration', slides: [slide('s1', 'One')] });
      const db = new SQL.Database(engine.exportBytes());
      expect(db.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0], fixture).toBe(String(SCHEMA_VERSION));
      expect(db.exec('SELECT count(*) FROM story_slides')[0]!.values[0]![0], fixture).toBe(1);
      db.close();
    }
  });
});

describe('workshop notes', () => {
  it('are stored as a feature layer, edited, deleted, survive save and open, and show in a ward’s brief as what we heard', async () => {
    const engine = new Engine(SQL);
    await engine.loadProject(demoInput());
    const map = await engine.mapData();
    const ward = map.wards.features[3]!;
    const inWard = map.labels.features.find((f) => f.properties.code === ward.properties.code)!.geometry.coordinates as [number, number];
    await engine.setStory({ name: 'Story', slides: [slide('s1', 'The borough')] });
    const pin = await engine.addAnnotation({ geometry: { type: 'Point', coordinates: inWard }, note: 'The youth club here closed in 2023', slideId: 's1', area: 'youth' }, '2026-11-27T10:00:00.000Z');
    expect(pin.ok).toBe(true);
    const far = await engine.addAnnotation({ geometry: { type: 'Polygon', coordinates: [[[10, 10], [10.01, 10], [10.01, 10.01], [10, 10]]] }, note: 'Somewhere else', slideId: null, area: null });
    expect(far.ok).toBe(true);
    expect(await engine.addAnnotation({ geometry: { type: 'Point', coordinates: inWard }, note: ' ', slideId: null, area: null })).toEqual({ ok: false, reason: 'the note is empty: write what was said' });
    const edited = await engine.updateAnnotation(pin.ok ? pin.annotation.id : -1, { note: 'The youth club here closed in March 2023' });
    expect(edited.ok && edited.annotation.note).toBe('The youth club here closed in March 2023');
    expect(await engine.updateAnnotation(999, { note: 'x' })).toEqual({ ok: false, reason: 'that note is no longer in the project' });

    const reopened = new Engine(SQL);
    expect((await reopened.openProject({ name: 'notes.gpkg', bytes: engine.exportBytes() })).ok).toBe(true);
    const notes = await reopened.annotations();
    expect(notes.map((n) => [n.note, n.geometry.type, n.slideId, n.area])).toEqual([
      ['The youth club here closed in March 2023', 'Point', 's1', 'youth'],
      ['Somewhere else', 'Polygon', null, null],
    ]);
    const facts = await reopened.briefFacts(ward.properties.code, defaultFilter(), '2026-11-27');
    expect(facts!.heard).toEqual([{ kind: 'pin', note: 'The youth club here closed in March 2023', area: 'Youth services', slide: 'The borough', createdAt: '2026-11-27T10:00:00.000Z' }]);
    const csv = await reopened.exportAnnotations('csv');
    expect(csv).toContain('The youth club here closed in March 2023,pin,');
    expect(JSON.parse(await reopened.exportAnnotations('geojson')).features).toHaveLength(2);

    // A GIS sees the notes as a layer of their own, with its extent and count.
    const db = new SQL.Database(reopened.exportBytes());
    expect(db.exec("SELECT data_type, min_x < max_x FROM gpkg_contents WHERE table_name = 'annotations'")[0]!.values).toEqual([['features', 1]]);
    expect(db.exec("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = 'annotations'")[0]!.values).toEqual([[2]]);
    db.close();

    const gone = await reopened.deleteAnnotation(notes[1]!.id);
    expect(gone?.note).toBe('Somewhere else');
    expect(await reopened.deleteAnnotation(notes[1]!.id)).toBeNull();
    expect((await reopened.annotations()).map((n) => n.note)).toEqual(['The youth club here closed in March 2023']);
  });
});
