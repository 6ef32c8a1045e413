// Toolbar glyphs, drawn in 16×16 and coloured by the button (currentColor).
import type { DebugCommandName, TravelCommandName } from '../app/commands.js';

const PATHS: Record<DebugCommandName | TravelCommandName | 'Theme' | 'Open' | 'Save Run', string> = {
  Run: 'M4 2.5v11l9-5.5z',
  Continue: 'M3 2.5h2v11H3zM7 2.5v11l7-5.5z',
  Pause: 'M4 2.5h3v11H4zM9 2.5h3v11H9z',
  'Step Over': 'M2 9a6 6 0 0 1 11.2-3H11v1.6h4.5V3.1h-1.6v1.8A7.6 7.6 0 0 0 .4 9zM7 11.5a1.8 1.8 0 1 0 3.6 0 1.8 1.8 0 1 0-3.6 0',
  'Step Into': 'M7.2 1h1.6v6.2l2.3-2.3 1.1 1.1L8 10.2 3.8 6l1.1-1.1 2.3 2.3zM6.2 13a1.8 1.8 0 1 0 3.6 0 1.8 1.8 0 1 0-3.6 0',
  'Step Out': 'M7.2 10.2h1.6V4l2.3 2.3 1.1-1.1L8 1 3.8 5.2l1.1 1.1L7.2 4zM6.2 13a1.8 1.8 0 1 0 3.6 0 1.8 1.8 0 1 0-3.6 0',
  'Step to Next Switch': 'M1 4.2h10.2L9.4 2.4l1.1-1.1L14.2 5l-3.7 3.7-1.1-1.1 1.8-1.8H1zM15 11.8H4.8l1.8 1.8-1.1 1.1L1.8 11l3.7-3.7 1.1 1.1-1.8 1.8H15z',
  Stop: 'M3 3h10v10H3z',
  Restart: 'M8 2.2a5.8 5.8 0 1 0 5.6 7.3h-1.7A4.2 4.2 0 1 1 8 3.8c1.2 0 2.2.5 3 1.2L9 7h5V2l-1.8 1.8A5.8 5.8 0 0 0 8 2.2z',
  'Step Back': 'M14 9a6 6 0 0 0-11.2-3H5v1.6H.5V3.1h1.6v1.8A7.6 7.6 0 0 1 15.6 9zM5.4 11.5a1.8 1.8 0 1 0 3.6 0 1.8 1.8 0 1 0-3.6 0',
  'Reverse Continue': 'M13 2.5h-2v11h2zM9 2.5v11L2 8z',
  'Back to Previous Switch': 'M15 4.2H4.8l1.8-1.8-1.1-1.1L1.8 5l3.7 3.7 1.1-1.1-1.8-1.8H15zM1 11.8h4v1.6H1z',
  Theme: 'M8 1.5a6.5 6.5 0 1 0 0 13zM8 0a8 8 0 1 1 0 16A8 8 0 0 1 8 0z',
  Open: 'M1.5 3h5l1.5 1.5h6.5v9h-13zM3 6v6h10V6z',
  'Save Run': 'M2 2h9.5L14 4.5V14H2zM4 3.5v3h6v-3zM8 8.5a2.2 2.2 0 1 0 0 4.4 2.2 2.2 0 1 0 0-4.4z',
};

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
