// A collapsible section of the workbench, titled by a real heading (screen readers list them).
import { useId, useState, type ReactNode } from 'react';

export interface PanelProps {
  title: string;
  /** Shown beside the heading: a count, a filter, buttons. */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  defaultOpen?: boolean;
}

export function Panel({ title, actions, children, className, defaultOpen = true }: PanelProps) {
  const [open, setOpen] = useState(defaultOpen);
  const headingId = useId();
  const bodyId = useId();
  return (
    <section className={`panel ${open ? 'open' : 'closed'} ${className ?? ''}`} aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>
          <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
            <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
            {title}
          </button>
        </h2>
        {open && actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {/* A closed panel renders nothing, so what it would compute costs nothing. */}
      <div className="panel-body" id={bodyId} hidden={!open}>
        {open ? children : null}
      </div>
    </section>
  );
}

/** What an empty panel says: what would fill it, and how to get there. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
