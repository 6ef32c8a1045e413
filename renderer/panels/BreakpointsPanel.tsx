// Breakpoints: line breakpoints (enable, remove), and the scheduler events to stop on.
import { useEffect, useState } from 'react';
import { BreakOnEvent } from '../../core/protocol/index.js';
import { basename } from '../app/file-controller.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useUi } from '../components/app-context.js';
import { describeBreakpoint } from '../editor/breakpoint-gutter.js';

export function BreakpointsPanel() {
  const app = useApp();
  const breakpoints = useUi((state) => state.breakpoints);
  const breakOn = useUi((state) => state.breakOn);
  const taskNames = useUi((state) => state.breakOnTaskNames);
  const [names, setNames] = useState(taskNames.join(', '));
  useEffect(() => setNames(taskNames.join(', ')), [taskNames]);

  const commitNames = () => {
    const list = names.split(',').map((name) => name.trim()).filter(Boolean);
    if (list.join(',') !== taskNames.join(',')) app.actions.setBreakOnTaskNames(list);
  };

  return (
    <Panel title="Breakpoints" className="panel-breakpoints">
      {breakpoints.length === 0 ? (
        <EmptyState>Click the gutter left of a line number (or press F9 on a line) to stop there. Right-click a breakpoint for a condition, a hit count or a log message.</EmptyState>
      ) : (
        <ul className="breakpoint-list" aria-label="Line breakpoints">
          {breakpoints.map((bp) => {
            const place = `${basename(bp.file)}:${bp.line}`;
            const settings = { enabled: bp.enabled, condition: bp.condition, hitCount: bp.hitCount, logMessage: bp.logMessage };
            return (
              <li key={`${bp.file}:${bp.line}`} className="breakpoint-row">
                <label title={describeBreakpoint(bp.line, settings)}>
                  <input
                    type="checkbox"
                    checked={bp.enabled}
                    aria-label={`Enable breakpoint at ${place}`}
                    onChange={(event) => app.actions.putBreakpoint(bp.file, bp.line, { ...settings, enabled: event.target.checked })}
                  />
                  <span className="bp-dot" aria-hidden="true" />
                  <button type="button" className="link-button" onClick={() => app.actions.reveal(bp.file, bp.line)}>{place}</button>
                  {bp.condition ? <span className="muted"> if {bp.condition}</span> : null}
                  {bp.hitCount ? <span className="muted"> from hit {bp.hitCount}</span> : null}
                  {bp.logMessage ? <span className="muted"> log “{bp.logMessage}”</span> : null}
                </label>
                <button type="button" className="icon-button" aria-label={`Remove breakpoint at ${place}`} onClick={() => app.actions.putBreakpoint(bp.file, bp.line, null)}>×</button>
              </li>
            );
          })}
        </ul>
      )}
      <fieldset className="break-on">
        <legend>Break on</legend>
        {BreakOnEvent.options.map((event) => (
          <label key={event} className="break-on-option">
            <input type="checkbox" checked={breakOn.includes(event)} onChange={(e) => app.actions.setBreakOn(event, e.target.checked)} />
            {event}
          </label>
        ))}
        <label className="break-on-names">
          Break on switch to task named
          <input
            value={names}
            placeholder="worker-1, producer"
            onChange={(event) => setNames(event.target.value)}
            onBlur={commitNames}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commitNames();
            }}
          />
        </label>
      </fieldset>
    </Panel>
  );
}
