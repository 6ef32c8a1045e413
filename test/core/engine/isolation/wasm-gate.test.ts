// The import gate's table covers every import of the interpreter that ships, and the gate does
// what the table says (a unit test, on a stand-in import table).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findEngineAssets } from '../../../../core/engine/assets.js';
import { ImportRefused, WasmGate, unlistedImports } from '../../../../core/engine/isolation/wasm-gate.js';
import { BRIDGE, ENOTSUP, OPEN, REFUSED } from '../../../../core/engine/isolation/wasm-imports.js';

interface ImportDescriptor {
  module: string;
  name: string;
  kind: string;
}
const wasm = globalThis.WebAssembly as unknown as {
  Module: { new (bytes: Uint8Array): object; imports(module: object): ImportDescriptor[] };
};

describe('the import table', () => {
  const module = new wasm.Module(readFileSync(join(findEngineAssets().pyodideDir, 'pyodide.asm.wasm')));
  const functions = wasm.Module.imports(module).filter((entry) => entry.kind === 'function');

  it('lists every function the shipped interpreter imports, once', () => {
    expect(functions.length).toBeGreaterThan(200);
    expect(unlistedImports(functions.map((entry) => entry.name))).toEqual([]);
    const lists = [[...OPEN], [...REFUSED.keys()], [...BRIDGE]];
    for (const [i, list] of lists.entries()) {
      for (const other of lists.slice(i + 1)) expect(list.filter((name) => other.includes(name))).toEqual([]);
    }
  });

  it('leaves open no import that starts a process, opens a socket or loads code', () => {
    for (const name of ['_emscripten_system', '__syscall_socket', '__syscall_connect', '__syscall_bind', '_dlopen_js', '_dlsym_js', '_emscripten_dlopen_js', 'emscripten_asm_const_int', 'raw_call_js']) {
      expect(OPEN.has(name), name).toBe(false);
    }
  });
});

describe('WasmGate', () => {
  const table = () => {
    const calls: string[] = [];
    const fn = (name: string, result: unknown) => Object.assign((..._args: unknown[]) => {
      calls.push(name);
      return result;
    }, { sig: 'ii' });
    const env: Record<string, unknown> = {
      fd_write: fn('fd_write', 0),
      _emscripten_system: fn('_emscripten_system', 0),
      __syscall_connect: fn('__syscall_connect', 0),
      JsProxy_GetAttr_js: fn('JsProxy_GetAttr_js', 1),
      glClear: fn('glClear', undefined),
      _Py_CheckEmscriptenSignals_Helper: fn('helper', 0),
      memory: { buffer: 'not a function' },
    };
    return { env, calls };
  };

  it('changes nothing before it is armed, but the signal poll', () => {
    const { env, calls } = table();
    const gate = new WasmGate(() => 2);
    gate.install(env);
    for (const name of ['fd_write', '_emscripten_system', '__syscall_connect', 'JsProxy_GetAttr_js', 'glClear']) (env[name] as () => unknown)();
    expect(calls).toEqual(['fd_write', '_emscripten_system', '__syscall_connect', 'JsProxy_GetAttr_js', 'glClear']);
    expect((env._Py_CheckEmscriptenSignals_Helper as () => number)()).toBe(2);
    expect((env._emscripten_system as { sig?: string }).sig).toBe('ii');
  });

  it('once armed: open imports act, refused ones answer "not supported", the rest end the run', () => {
    const { env, calls } = table();
    const gate = new WasmGate(() => 0);
    gate.install(env);
    gate.arm();
    expect((env.fd_write as () => unknown)()).toBe(0);
    expect((env._emscripten_system as () => unknown)()).toBe(-1);
    expect((env.__syscall_connect as () => unknown)()).toBe(-ENOTSUP);
    expect(() => (env.JsProxy_GetAttr_js as () => unknown)()).toThrow(ImportRefused);
    // An import nobody listed (Emscripten's table also holds its whole JS library) is refused too.
    expect(() => (env.glClear as () => unknown)()).toThrow(/glClear, which Loopscope's embedded engine refuses/);
    expect(calls).toEqual(['fd_write']);
    expect(gate.refused).toBe('JsProxy_GetAttr_js');
    expect(env.memory).toEqual({ buffer: 'not a function' });
  });
});
