// The editor pane: CodeMirror (driven by EditorBinding) and the breakpoint editor it opens.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../components/app-context.js';
import { EditorBinding } from './editor-binding.js';
import { BreakpointEditor } from './BreakpointEditor.js';

export function SourceEditor() {
  const app = useApp();
  const host = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<{ line: number; x: number; y: number } | null>(null);

  useEffect(() => {
    const binding = new EditorBinding(host.current!, app, (line, at) => setEditing({ line, ...at }));
    return () => binding.dispose();
  }, [app]);

  return (
    <div className="editor">
      <div className="editor-host" ref={host} />
      {editing ? <BreakpointEditor {...editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
