// Scopes, variables and evaluate while stopped, through the engine's inspect.* requests. The
// engine's references are good for one pause; the client gets the adapter's own (Handles).
import type { DebugProtocol } from '@vscode/debugprotocol';
import { z } from 'zod';
import { Variable, type DebugCommand } from '../protocol/index.js';
import { DapError, parseArguments } from './errors.js';
import type { Handles } from './handles.js';
import type { FrameHandle } from './stop.js';

export type VariableHandle =
  /** An engine reference: a frame's locals, or a value's children. `path` is the Python
   * expression of the value, where there is one, for the children's evaluateName. */
  | { kind: 'ref'; ref: number; path: string | undefined }
  /** A scope the engine has no reference for: an expression evaluated when it is opened. */
  | { kind: 'eval'; expression: string; engineFrameId: number | undefined };

type InspectCommand = Extract<DebugCommand, { type: `inspect.${string}` }>;
export type EngineRequest = (command: InspectCommand) => Promise<unknown>;

/** A mapping's entries as a namespace, so that they are listed by name ('x', not "'x'") the
 * way the engine lists an object's attributes. Dunder names (__builtins__...) are left out. */
const namespaceOf = (mapping: string) =>
  `__import__('types').SimpleNamespace(**{k: v for k, v in ${mapping}.items() if not (k.startswith('__') and k.endswith('__'))})`;
const LOCALS = namespaceOf('locals()');
const GLOBALS = namespaceOf('globals()');

/** The engine evaluates while the whole program stands still: nothing can be awaited. */
export const AWAIT_UNSUPPORTED =
  'await cannot be evaluated here: the embedded engine evaluates while the whole program stands still, and an await ' +
  'needs the event loop to run. Evaluate without await (a task or future shows its state and result), or step over ' +
  'the line that awaits it.';

const ScopesArguments = z.object({ frameId: z.number().int() });
const VariablesArguments = z.object({
  variablesReference: z.number().int(),
  start: z.number().int().nonnegative().optional(),
  count: z.number().int().nonnegative().optional(),
});
const EvaluateArguments = z.object({
  expression: z.string().max(10_000, 'expected at most 10,000 characters'),
  frameId: z.number().int().optional(),
  context: z.string().optional(),
});

export class Inspector {
  constructor(
    private readonly request: EngineRequest,
    private readonly frames: Handles<FrameHandle>,
    private readonly variables: Handles<VariableHandle>,
  ) {}

  scopes(args: unknown): DebugProtocol.Scope[] {
    const { frameId } = parseArguments('scopes', ScopesArguments, args);
    const frame = this.frames.get(frameId);
    if (frame.kind === 'label') return [];
    const engineFrameId = frame.kind === 'engine' ? frame.engineFrameId : undefined;
    const locals: VariableHandle = engineFrameId !== undefined
      ? { kind: 'ref', ref: engineFrameId, path: '' }
      : { kind: 'eval', expression: LOCALS, engineFrameId };
    return [
      { name: 'Locals', presentationHint: 'locals', variablesReference: this.variables.add(locals), expensive: false },
      { name: 'Globals', variablesReference: this.variables.add({ kind: 'eval', expression: GLOBALS, engineFrameId }), expensive: true },
    ];
  }

  async list(args: unknown): Promise<DebugProtocol.Variable[]> {
    const { variablesReference, start = 0, count } = parseArguments('variables', VariablesArguments, args);
    const handle = this.variables.get(variablesReference);
    let ref: number;
    let path: string | undefined;
    if (handle.kind === 'eval') {
      const value = await this.evaluateRaw(handle.expression, handle.engineFrameId);
      if (value.ref === 0) return [];
      ref = value.ref;
      path = '';
    } else {
      ({ ref, path } = handle);
    }
    const children = z.array(Variable).parse(await this.request({ type: 'inspect.variables', ref }));
    const page = children.slice(start, count ? start + count : undefined);
    return page.map((child) => this.variable(child, childPath(path, child.name)));
  }

  async evaluate(args: unknown): Promise<DebugProtocol.EvaluateResponse['body']> {
    const { expression, frameId } = parseArguments('evaluate', EvaluateArguments, args);
    let engineFrameId: number | undefined;
    if (frameId !== undefined) {
      const frame = this.frames.get(frameId);
      if (frame.kind === 'label') throw new DapError(`frame ${frameId} is a label ("awaited by"): evaluate in a frame of a task`);
      if (frame.kind === 'engine') engineFrameId = frame.engineFrameId;
    }
    const value = await this.evaluateRaw(expression, engineFrameId);
    const variable = this.variable(value, `(${expression})`);
    return { result: variable.value, type: variable.type, variablesReference: variable.variablesReference };
  }

  private async evaluateRaw(expression: string, engineFrameId: number | undefined): Promise<Variable> {
    try {
      const result = await this.request({ type: 'inspect.evaluate', expression, ...(engineFrameId !== undefined ? { frameId: engineFrameId } : {}) });
      return Variable.parse(result);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/SyntaxError: .*'(await|async for|async with|asynchronous comprehension)' outside/i.test(message)) throw new DapError(AWAIT_UNSUPPORTED);
      throw new DapError(message);
    }
  }

  private variable(value: Variable, path: string | undefined): DebugProtocol.Variable {
    return {
      name: value.name,
      value: value.value,
      type: value.type,
      variablesReference: value.ref > 0 ? this.variables.add({ kind: 'ref', ref: value.ref, path }) : 0,
      ...(path ? { evaluateName: path } : {}),
    };
  }
}

/** The expression of a child as the engine names it: in a scope, a name ('x'); below a value,
 * an attribute ('x'), an item ('[0]') or a dict entry ("'key'", '3'); a set's members ('<0>')
 * and keys shown as True/False/None (an attribute cannot have those names) have none. */
function childPath(parent: string | undefined, name: string): string | undefined {
  const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !['True', 'False', 'None'].includes(name);
  if (parent === undefined) return undefined;
  if (parent === '') return identifier ? name : undefined;
  if (/^\[\d+\]$/.test(name)) return `${parent}${name}`;
  if (/^('.*'|".*"|-?\d+)$/.test(name)) return `${parent}[${name}]`;
  return identifier ? `${parent}.${name}` : undefined;
}
