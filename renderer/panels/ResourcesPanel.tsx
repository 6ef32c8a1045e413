// Resources: every lock, semaphore, event, condition, barrier and queue, with the tasks that
// hold it and the tasks waiting for it, in wake-up order.
import { useEffect, useRef } from 'react';
import type { SessionState } from '../../core/model/index.js';
import type { ResourceRecord } from '../../core/protocol/index.js';
import { EmptyState, Panel } from '../components/Panel.js';
import { useApp, useSession, useUi } from '../components/app-context.js';
import { resourceLabel, resourceState, selectResources, taskName } from '../state/selectors.js';

const MAX_NAMES = 12;
const resourcesOf = (state: SessionState) => selectResources(state.resources);

export function ResourcesPanel() {
  const resources = useSession(resourcesOf);
  const selected = useUi((state) => state.selectedResourceId);
  return (
    <Panel title="Resources" className="panel-resources" actions={<span className="panel-count">{resources.length}</span>}>
      {resources.length === 0 ? (
        <EmptyState>No locks, semaphores, events, conditions, barriers or queues yet. The ones the program makes show here with their holders and waiters.</EmptyState>
      ) : (
        <ul className="resource-list" aria-label="Resources">
          {resources.map((resource) => <ResourceItem key={resource.id} resource={resource} selected={resource.id === selected} />)}
        </ul>
      )}
    </Panel>
  );
}

function ResourceItem({ resource, selected }: { resource: ResourceRecord; selected: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const isQueue = resource.getters !== undefined || resource.putters !== undefined;
  const contended = resource.waiters.length > 0;
  return (
    <li ref={ref} className={`resource ${selected ? 'selected' : ''} ${contended ? 'contended' : ''}`} aria-label={resourceLabel(resource)}>
      <div className="resource-title">
        <span className="resource-kind">{resource.kind}</span>
        <span className="resource-name">{resource.name ?? `#${resource.id}`}</span>
        <span className="resource-state">{resourceState(resource)}</span>
      </div>
      <TaskNames label="Held by" ids={resource.holders} />
      {isQueue ? (
        <>
          <TaskNames label="Getters waiting" ids={resource.getters ?? []} />
          <TaskNames label="Putters waiting" ids={resource.putters ?? []} />
        </>
      ) : <TaskNames label="Waiting" ids={resource.waiters} />}
    </li>
  );
}

function TaskNames({ label, ids }: { label: string; ids: number[] }) {
  const app = useApp();
  if (ids.length === 0) return null;
  const session = app.session.get();
  return (
    <div className="resource-tasks">
      <span className="muted">{label}: </span>
      {ids.slice(0, MAX_NAMES).map((id, index) => (
        <span key={id}>
          {index > 0 ? ', ' : ''}
          <button type="button" className="link-button" onClick={() => app.actions.selectTask(id)}>{taskName(session, id)}</button>
        </span>
      ))}
      {ids.length > MAX_NAMES ? <span className="muted"> and {ids.length - MAX_NAMES} more</span> : null}
    </div>
  );
}
