// The app's frame: bar on top, the map filling the window, panels over it.

import { useEffect } from 'react';
import { TopBar } from './shell/TopBar';
import { Progress } from './shell/Progress';
import { AlertDialog } from './shell/AlertDialog';
import { ImportDialog } from './import/ImportDialog';
import { DropZone } from './import/DropZone';
import { RulesDialog } from './rules/RulesDialog';
import { GeoPackageChoice, RecentProjects, RecoveryOffer } from './shell/ProjectDialogs';
import { Ledger } from './shell/Ledger';
import { MapPanel } from './explore/MapPanel';
import { Legend } from './explore/Legend';
import { WardPanel } from './explore/WardPanel';
import { MeetingPanel } from './explore/MeetingPanel';
import { BriefPage } from './brief/BriefPage';
import { HoverCard } from './explore/HoverCard';
import { FilterBar } from './explore/FilterBar';
import { SpendTable } from './explore/SpendTable';
import { BasemapAttribution } from './explore/BasemapAttribution';
import { WardTable } from './explore/WardTable';
import { StoryPanel } from './present/StoryPanel';
import { PresentView } from './present/PresentView';
import { NoteDialog, NoteModeBanner } from './present/Notes';
import { StoryHandout } from './present/StoryHandout';
import { useApp, useAppStore as useAppStoreApi } from '../store/context';
import type { MenuCommand } from '../platform/bridge';

export function App({ onMenuCommand }: { onMenuCommand: (listener: (command: MenuCommand) => void) => () => void }) {
  const useAppStore = useAppStoreApi();
  const openWards = useApp((s) => s.openWards);
  const openDemo = useApp((s) => s.openDemo);
  const startImport = useApp((s) => s.startImport);
  const openRules = useApp((s) => s.openRules);
  const addReference = useApp((s) => s.addReference);
  const loadBasemap = useApp((s) => s.loadBasemap);
  const briefsForAllWards = useApp((s) => s.briefsForAllWards);
  const notice = useApp((s) => s.summary?.notice);
  const newProject = useApp((s) => s.newProject);
  const openProject = useApp((s) => s.openProject);
  const showRecent = useApp((s) => s.showRecent);
  const saveProject = useApp((s) => s.saveProject);
  const saveThenClose = useApp((s) => s.saveThenClose);
  const presenting = useApp((s) => s.presenting !== null || s.audienceOf !== null);
  const present = useApp((s) => s.present);
  const toggleStory = useApp((s) => s.toggleStory);

  // F5 presents the story from the start, Shift+F5 from the slide last shown (as slide software does).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F5' || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      const s = useAppStore.getState();
      if (s.presenting) return;
      const from = e.shiftKey && s.currentSlide ? Math.max(0, s.slides.findIndex((x) => x.id === s.currentSlide)) : 0;
      void s.present(from);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [useAppStore]);

  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'new-project') void newProject();
        if (command === 'open-project') void openProject();
        if (command === 'open-recent') void showRecent();
        if (command === 'save-project') void saveProject();
        if (command === 'save-project-as') void saveProject(true);
        if (command === 'save-then-close') void saveThenClose();
        if (command === 'open-wards') void openWards();
        if (command === 'open-demo') void openDemo();
        if (command === 'import-spend') void startImport();
        if (command === 'edit-rules') void openRules();
        if (command === 'add-postcodes') void addReference('postcodes');
        if (command === 'add-uprns') void addReference('uprns');
        if (command === 'add-places') void addReference('places');
        if (command === 'load-basemap') void loadBasemap();
        if (command === 'briefs-all-wards') void briefsForAllWards();
        if (command === 'story') toggleStory(true);
        if (command === 'present') void present(0);
      }),
    [onMenuCommand, toggleStory, present, openWards, openDemo, startImport, openRules, addReference, loadBasemap, briefsForAllWards, newProject, openProject, showRecent, saveProject, saveThenClose],
  );

  return (
    <>
    <div className={presenting ? 'app presenting' : 'app'}>
      <TopBar />
      <FilterBar />
      <main className="stage">
        {/* The table sits below the map rather than over it, so the map keeps its whole visible area to fit wards in. */}
        <div className="stage-row">
        <div className="map-area">
          <MapPanel />
          {notice && <div className="map-notice" aria-hidden>{notice}</div>}
          <BasemapAttribution />
          <Legend />
          <WardTable />
          <WardPanel />
          <MeetingPanel />
          <HoverCard />
          <Ledger />
          <Progress />
          <PresentView />
          <NoteModeBanner />
        </div>
        <StoryPanel />
        </div>
        <SpendTable />
      </main>
      <ImportDialog />
      <RulesDialog />
      <DropZone />
      <RecentProjects />
      <RecoveryOffer />
      <GeoPackageChoice />
      <NoteDialog />
      <AlertDialog />
    </div>
    {/* Outside the app's frame, so printing shows the brief alone. */}
    <BriefPage />
    <StoryHandout />
    </>
  );
}
