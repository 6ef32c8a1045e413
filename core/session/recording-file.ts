// Recordings (.loopscope files): a run, kept to be opened later, elsewhere, without the
// program's files: its sources and options (to re-execute it), the engine that ran it (a
// re-execution is exact only on the same one), and its event stream (every panel and the
// timeline are drawn from it; core/protocol/recording.ts). A gzip of JSON, with a checksum of
// its content: a truncated, corrupt or newer file is refused with the reason, never shown wrong.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { version as pyodideVersion } from 'pyodide';
import { RunOptions } from '../protocol/index.js';
import { findEngineAssets } from '../engine/assets.js';
import {
  RECORDING_FORMAT, RECORDING_VERSION, RecordingBody, type EngineIdentity, type Recording,
} from '../protocol/recording.js';

export const RECORDING_EXTENSION = '.loopscope';

export class RecordingError extends Error {}

/** The agent's hash: its files, in order. */
export function agentHash(agentDir: string): string {
  const hash = createHash('sha256');
  const dir = join(agentDir, 'loopscope_agent');
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.py')).sort()) {
    hash.update(name).update('\0').update(readFileSync(join(dir, name))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** This engine (the one the host runs), for a run of `python`. */
export function engineIdentity(python: string, agentDir: string = findEngineAssets().agentDir): EngineIdentity {
  return { pyodide: pyodideVersion, python, agent: agentHash(agentDir) };
}

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function encodeRecording(recording: Recording): Buffer {
  const body = JSON.stringify({ format: RECORDING_FORMAT, version: RECORDING_VERSION, ...recording });
  return gzipSync(JSON.stringify({ checksum: checksum(body), body }));
}

export function decodeRecording(bytes: Buffer, name = 'the recording'): Recording {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecordingError(code === 'Z_BUF_ERROR'
      ? `${name} is truncated: it ends before its last byte (was it copied whole?)`
      : `${name} is not a Loopscope recording, or is damaged (${(error as Error).message})`);
  }
  let outer: unknown;
  try {
    outer = JSON.parse(text);
  } catch {
    throw new RecordingError(`${name} is damaged: its content is not the JSON a recording holds`);
  }
  const wrapped = z.object({ checksum: z.string(), body: z.string() }).safeParse(outer);
  if (!wrapped.success) throw new RecordingError(`${name} is not a Loopscope recording`);
  if (checksum(wrapped.data.body) !== wrapped.data.checksum) throw new RecordingError(`${name} is damaged: its checksum does not match its content`);
  const raw = JSON.parse(wrapped.data.body) as { format?: unknown; version?: unknown };
  if (raw.format !== RECORDING_FORMAT) throw new RecordingError(`${name} is not a Loopscope recording`);
  if (typeof raw.version === 'number' && raw.version > RECORDING_VERSION) {
    throw new RecordingError(`${name} was made by a newer Loopscope (recording format ${raw.version}; this one reads ${RECORDING_VERSION}): update Loopscope to open it`);
  }
  const parsed = RecordingBody.safeParse(raw);
  if (!parsed.success) throw new RecordingError(`${name} is damaged: ${parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const { created, engine, program, events } = parsed.data;
  return { created, engine, program: RunOptions.parse(program), events };
}

export function writeRecording(path: string, recording: Recording): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, encodeRecording(recording));
  renameSync(partial, path);
}

export function readRecording(path: string): Recording {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new RecordingError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return decodeRecording(bytes, path);
}

/** Why a recording cannot be re-executed here, if it cannot (it can still be looked at). */
export function cannotReexecute(recorded: EngineIdentity, here: EngineIdentity): string | undefined {
  const differs = (['pyodide', 'python', 'agent'] as const).filter((key) => recorded[key] !== here[key]);
  if (differs.length === 0) return undefined;
  return `it was recorded with another engine (${differs.map((key) => `${key} ${recorded[key]}, here ${here[key]}`).join('; ')}): it can be looked at, not re-executed`;
}
