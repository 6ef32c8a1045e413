// electron-builder.yml against the JSON schema electron-builder ships (app-builder-lib's
// scheme.json), read and checked with the YAML reader and the validator (ajv 6, through
// @develar/schema-utils) that electron-builder itself resolves: nothing added to the project for it.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const builderRequire = createRequire(createRequire(join(ROOT, 'package.json')).resolve('app-builder-lib/package.json'));

interface AjvError { dataPath: string; message?: string; params: unknown }
interface Validate { (data: unknown): boolean; errors?: AjvError[] | null }
interface AjvInstance { compile(schema: object): Validate }
type AjvClass = new (options: Record<string, unknown>) => AjvInstance;

const Ajv = builderRequire('ajv') as AjvClass;
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(builderRequire.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
// The options electron-builder validates its configuration with (@develar/schema-utils), less
// coerceTypes: a string where a number belongs should fail here, not be fixed silently.
const validate = new Ajv({ allErrors: true, $data: true }).compile(schema);

interface Config {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraMetadata: { main: string };
  fileAssociations: Array<{ ext: string; name: string }>;
  linux: { target: string[] };
  mac: { target: Array<{ target: string; arch: string[] }> };
  win: { target: string[] };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const explain = (errors: AjvError[] | null | undefined) => (errors ?? []).map((e) => `${e.dataPath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`).join('\n');

describe('electron-builder.yml', () => {
  it("matches electron-builder's own schema", () => {
    const ok = validate(config);
    expect(explain(validate.errors)).toBe('');
    expect(ok).toBe(true);
  });

  it('is checked for real: a misspelt option fails the schema', () => {
    expect(validate({ ...config, appID: 'dev.loopscope.app' })).toBe(false);
    expect(validate({ ...config, mac: { target: [{ target: 'dmg', arch: ['sparc'] }] } })).toBe(false);
  });

  it('packages Loopscope for Linux, macOS (both architectures) and Windows, and opens .py files', () => {
    expect(config).toMatchObject({ appId: 'dev.loopscope.app', productName: 'Loopscope' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'py' })]);
  });

  it("starts the main process that package.json names, and ships what the engine reads as files", () => {
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(config.extraMetadata.main).toBe(packageJson.main);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['dist/python/**', 'node_modules/pyodide/**']));
    expect(existsSync(join(ROOT, 'node_modules/pyodide/pyodide.asm.wasm'))).toBe(true);
  });
});
