// Node has WebAssembly as a global, but @types/node 20 declares none of it (lib.dom does, and
// core is compiled without the DOM). Only what the engine uses.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }
  class Instance {
    readonly exports: Record<string, unknown>;
  }
  type Imports = Record<string, Record<string, unknown>>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
  function instantiate(bytes: ArrayBufferView | ArrayBuffer, imports?: Imports): Promise<{ module: Module; instance: Instance }>;
}
