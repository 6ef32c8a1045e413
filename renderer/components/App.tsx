// The workbench, laid out like an IDE's debugger: toolbar, the pause reason, the program's
// panels around the editor and console, a status bar.
import { useEffect, type DragEvent } from 'react';
import { basename } from '../app/file-controller.js';
import { installKeyboard } from '../app/keyboard.js';
import { SourceEditor } from '../editor/SourceEditor.js';
import { BreakpointsPanel } from '../panels/BreakpointsPanel.js';
import { CallStackPanel } from '../panels/CallStackPanel.js';
import { ConsolePanel } from '../panels/ConsolePanel.js';
import { ExplorePanel } from '../panels/ExplorePanel.js';
import { FuturesPanel } from '../panels/FuturesPanel.js';
import { ResourcesPanel } from '../panels/ResourcesPanel.js';
import { TasksPanel } from '../panels/TasksPanel.js';
import { VariablesPanel } from '../panels/VariablesPanel.js';
import { WaitGraphPanel } from '../panels/WaitGraphPanel.js';
import { WatchPanel } from '../panels/WatchPanel.js';
import { TimelinePanel } from '../timeline/TimelinePanel.js';
import type { UiState } from '../state/ui-state.js';
import { useApp, useUi } from './app-context.js';
import { ExamplesPicker } from './ExamplesPicker.js';
import { NativeModeNotice, NativeModeOffer } from './NativeModeNotices.js';
import { PauseBanner } from './PauseBanner.js';
import { StatusBar } from './StatusBar.js';
import { Toolbar } from './Toolbar.js';

const selectShowPicker = (state: UiState) => state.pickingExample || state.file === null;
const selectTheme = (state: UiState) => state.theme;
/** The page's title: the open file (● when it has unsaved edits), as editors title windows. */
const selectTitle = (state: UiState) => (state.file
  ? `${state.file.source !== state.file.savedSource ? '● ' : ''}${basename(state.file.path)} — Loopscope`
  : 'Loopscope');

export function App() {
  const app = useApp();
  const showPicker = useUi(selectShowPicker);
  const theme = useUi(selectTheme);
  const title = useUi(selectTitle);

  useEffect(() => installKeyboard(window, (command) => app.enabled(command), (command) => app.execute(command)), [app]);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.title = title;
  }, [title]);

  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    app.dropFile(file);
  };

  return (
    <div className="app" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
      <Toolbar />
      <PauseBanner />
      <NativeModeOffer />
      <div className="workbench">
        <aside className="sidebar sidebar-left" aria-label="Program state">
          <TasksPanel />
          <CallStackPanel />
          <VariablesPanel />
          <WatchPanel />
        </aside>
        <main className="center">
          <div className="editor-area">
            {/* The editor stays mounted under the picker, so it keeps its state. */}
            <SourceEditor />
            {showPicker ? <div className="editor-overlay"><ExamplesPicker /></div> : null}
          </div>
          <TimelinePanel />
          <ConsolePanel />
        </main>
        <aside className="sidebar sidebar-right" aria-label="Waits and breakpoints">
          <WaitGraphPanel />
          <ResourcesPanel />
          <FuturesPanel />
          <BreakpointsPanel />
          <ExplorePanel />
        </aside>
      </div>
      <StatusBar />
      <NativeModeNotice />
    </div>
  );
}
