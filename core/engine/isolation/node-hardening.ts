// The engine process's own layer, for the case where a program got past the import gate and
// runs JavaScript here. The process is started under Node's permission model (host side:
// engine-command.ts): it may read the engine's files and nothing else, and may not write
// files, start processes or workers, load addons, use WASI or the inspector, or evaluate
// strings as code; its environment is empty. Node's permission model has no network scope
// before Node 25, so here the network entry points of Node itself are removed as well, before
// any interpreter loads: the objects are shared by every later import of the same modules. So
// are the calls that reach other processes without a permission (signals, priorities).
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import process from 'node:process';
import tls from 'node:tls';
import { constants as fsConstants } from 'node:fs';
import type { IsolationReport } from '../messages.js';

const NETWORK_GLOBALS = ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest'];

function refuse(what: string): () => never {
  return () => {
    const error = new Error(`${what} is not available in Loopscope's engine process`) as NodeJS.ErrnoException;
    error.code = 'ERR_ACCESS_DENIED';
    throw error;
  };
}

function replaceAll(target: object, names: string[], what: string): void {
  for (const name of names) {
    if (typeof (target as Record<string, unknown>)[name] === 'function') {
      Object.defineProperty(target, name, { value: refuse(`${what}.${name}`), writable: false, configurable: false });
    }
  }
}

/** Node's permission model leaves signals and priorities of other processes (the host's) alone,
 * and answers questions about the machine: these go too. */
function closeProcessControl(): void {
  replaceAll(process, ['kill', '_kill'], 'process');
  replaceAll(os, ['setPriority', 'userInfo', 'networkInterfaces'], 'os');
}

function closeNetwork(): void {
  replaceAll(net.Socket.prototype, ['connect'], 'net.Socket');
  replaceAll(net.Server.prototype, ['listen'], 'net.Server');
  replaceAll(net, ['connect', 'createConnection'], 'net');
  replaceAll(dgram.Socket.prototype, ['bind', 'connect', 'send'], 'dgram.Socket');
  const lookups = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa',
    'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv',
    'resolveTxt', 'reverse'];
  replaceAll(dns, lookups, 'dns');
  replaceAll(dns.promises, lookups, 'dns.promises');
  replaceAll(dns.Resolver.prototype, lookups, 'dns.Resolver');
  replaceAll(dns.promises.Resolver.prototype, lookups, 'dns.promises.Resolver');
  replaceAll(http, ['request', 'get'], 'http');
  replaceAll(https, ['request', 'get'], 'https');
  replaceAll(http2, ['connect'], 'http2');
  replaceAll(tls, ['connect'], 'tls');
  for (const name of NETWORK_GLOBALS) Reflect.deleteProperty(globalThis, name);
}

/** Emscripten's NODEFS reads Node's open() flags through process.binding, which the permission
 * model refuses; NODEFS is never mounted here, but Pyodide initialises it on load. */
function answerBindingConstants(): void {
  const withBinding = process as unknown as { binding(name: string): unknown };
  const binding = withBinding.binding.bind(process);
  withBinding.binding = (name: string) => (name === 'constants' ? { fs: fsConstants } : binding(name));
}

interface PermissionApi {
  has(scope: string, reference?: string): boolean;
}

function permissionApi(): PermissionApi | undefined {
  return (process as unknown as { permission?: PermissionApi }).permission;
}

/** Which of Node's layers hold in this process, asked of the process itself. */
export function nodeIsolation(): Omit<IsolationReport, 'wasmGate'> {
  const permission = permissionApi();
  const denied = (scope: string, reference?: string) => {
    try {
      return permission !== undefined && !permission.has(scope, reference);
    } catch {
      return false;
    }
  };
  const permissionModel = denied('fs.write') && denied('fs.read', '/') && denied('child') && denied('worker');
  // Before Node 25 the model has no network scope, and has() answers false for a scope it
  // does not know.
  const major = Number(process.versions.node.split('.')[0]);
  return { permissionModel, networkPermission: permissionModel && major >= 25 && denied('net') };
}

export function hardenEngineProcess(): void {
  answerBindingConstants();
  closeNetwork();
  closeProcessControl();
}
