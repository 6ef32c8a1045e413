// Programs that try to leave the embedded engine, by every route we know of. Each prints what
// happened to each attempt; whether anything got out is judged from the host's side
// (host-witness.ts), never from what the program says.
//
// Two sorts: generated ones, one per module, that call every callable of the module with
// arguments that would escape (a host path, a shell command, a file descriptor, an address on
// 127.0.0.1, the host's pid); and hand-written ones for the routes that need more than one call
// (recovering an unpatched builtin, re-inserting Pyodide's import hook, loading a library...).

/** Where escapes would show on the host. */
export interface Target {
  /** A host folder the program's attempts aim at (it is not the program's own folder). */
  dir: string;
  /** A file in `dir` whose contents must not be read, and a file whose name must not be seen. */
  secretFile: string;
  secret: string;
  hiddenName: string;
  tcpPort: number;
  udpPort: number;
  hostPid: number;
  /** A value in the host's environment that must not be printed. */
  canary: string;
}

export interface HostileProgram {
  name: string;
  source: string;
  /** The run ends because the program reached the JavaScript bridge (exit 70, 'refused'),
   * rather than with a Python exception: always, or it may (when the program finds a way in
   * that the gate then ends). */
  endsRefused?: boolean | 'maybe';
}

const prelude = (t: Target) => `
TARGET = ${JSON.stringify(t.dir)}
SECRET_FILE = ${JSON.stringify(t.secretFile)}
TCP_PORT = ${t.tcpPort}
UDP_PORT = ${t.udpPort}
HOST_PID = ${t.hostPid}
import sys
def attempt(what, call):
    try:
        result = call()
    except BaseException as error:
        print(f"refused {what}: {type(error).__name__}: {error}"[:240])
        return None
    print(f"returned {what}: {result!r}"[:240])
    return result
`;

/** Self-destructive or blocking callables a generated program leaves out, with why (also
 * under a leading underscore: ctypes has _string_at beside string_at). */
const SKIPPED: Record<string, Record<string, string>> = {
  '*': {
    _exit: 'ends the interpreter', abort: 'ends the interpreter', close: 'closes the agent\'s channel',
    closerange: 'closes the agent\'s channel', dup2: 'overwrites the agent\'s channel', pause: 'waits forever',
    sigwait: 'waits forever', sigwaitinfo: 'waits forever', sigtimedwait: 'waits', raise_signal: 'signals itself',
    set_wakeup_fd: 'writes into the agent\'s channel', register_at_fork: 'not an escape',
  },
  ctypes: {
    memmove: 'corrupts the interpreter', memset: 'corrupts the interpreter', string_at: 'reads raw memory',
    wstring_at: 'reads raw memory', memoryview_at: 'reads raw memory', resize: 'corrupts memory', cast: 'raw pointers',
  },
  _ctypes: {
    call_function: 'calls a raw function pointer', call_cdeclfunction: 'calls a raw function pointer',
    PyObj_FromPtr: 'dereferences a raw pointer', Py_INCREF: 'raw refcounts', Py_DECREF: 'raw refcounts',
    resize: 'corrupts memory',
  },
  pty: { _copy: 'copies between descriptors until they close' },
  os: { read: 'reading the agent\'s command device waits for the host' },
  posix: { read: 'reading the agent\'s command device waits for the host' },
};

const GENERATED_MODULES = [
  'os', 'posix', '_posixsubprocess', 'socket', '_socket', 'select', 'ctypes', '_ctypes', 'mmap', 'resource',
  'signal', 'pty', 'fcntl', 'termios', 'multiprocessing', 'subprocess', 'shutil', 'asyncio',
];

function generated(module: string, t: Target): HostileProgram {
  const skip = { ...SKIPPED['*'], ...SKIPPED[module] };
  return {
    name: `every callable of ${module}`,
    source: `${prelude(t)}
import importlib, os
try:
    mod = importlib.import_module(${JSON.stringify(module)})
except BaseException as error:
    print("cannot import:", type(error).__name__, error)
    raise SystemExit(0)
SKIP = ${JSON.stringify(skip)}
TAG = ${JSON.stringify(module)}
PATHS = [f"{TARGET}/escaped-{TAG}", "/etc/passwd", TARGET, SECRET_FILE, "escaped-relative-" + TAG]
COMMANDS = [f"touch {TARGET}/cmd-{TAG}-str", ["/bin/sh", "-c", f"touch {TARGET}/cmd-{TAG}-list"],
            f"touch {TARGET}/cmd-{TAG}-bytes".encode(), [b"/usr/bin/touch", f"{TARGET}/cmd-{TAG}-argv".encode()]]
FDS = [0, 1, 2, 7, 8, 9, 10, 255]
ADDRESSES = [("127.0.0.1", TCP_PORT), ("127.0.0.1", UDP_PORT), ("localhost", TCP_PORT)]
ARGS = ([(p,) for p in PATHS] + [(p, os.O_CREAT | os.O_WRONLY) for p in PATHS[:1]] + [(p, "w") for p in PATHS[:1]]
        + [(c,) for c in COMMANDS] + [(c[0] if isinstance(c, list) else c, c) for c in COMMANDS]
        + [(fd,) for fd in FDS] + [(fd, b"escape") for fd in FDS[3:]] + [(a,) for a in ADDRESSES]
        + [(HOST_PID, 12), (HOST_PID, 15), (-1, 12), ()])
calls = 0
for name in sorted(dir(mod)):
    value = getattr(mod, name, None)
    if not callable(value) or name in SKIP or name.lstrip("_") in SKIP or name.startswith("__"):
        continue
    for args in ARGS:
        calls += 1
        try:
            value(*args)
        except BaseException:
            pass
print(TAG, "calls:", calls)
`,
  };
}

/** The hand-written routes. */
function handWritten(t: Target): HostileProgram[] {
  const p = prelude(t);
  const touch = (tag: string) => `touch ${t.dir}/cmd-${tag}`;
  const program = (name: string, body: string, extra: Partial<HostileProgram> = {}): HostileProgram => ({ name, source: `${p}\n${body}\n`, ...extra });
  return [
    program('posix.system', `import posix\nattempt("posix.system", lambda: posix.system(${JSON.stringify(touch('posix-system'))}))`),
    program('os.system', `import os\nattempt("os.system", lambda: os.system(${JSON.stringify(touch('os-system'))}))`),
    program('os.popen', `import os\nattempt("os.popen", lambda: os.popen(${JSON.stringify(touch('os-popen'))}).read())`),
    program('subprocess.run and check_output', `import subprocess
attempt("run", lambda: subprocess.run(["/bin/sh", "-c", ${JSON.stringify(touch('subprocess-run'))}]))
attempt("shell", lambda: subprocess.run(${JSON.stringify(touch('subprocess-shell'))}, shell=True))
attempt("check_output", lambda: subprocess.check_output(["env"]))
attempt("getoutput", lambda: subprocess.getoutput(${JSON.stringify(touch('subprocess-getoutput'))}))`),
    program('asyncio subprocesses', `import asyncio
async def main():
    await attempt_async("exec", asyncio.create_subprocess_exec("/bin/sh", "-c", ${JSON.stringify(touch('asyncio-exec'))}))
    await attempt_async("shell", asyncio.create_subprocess_shell(${JSON.stringify(touch('asyncio-shell'))}))
async def attempt_async(what, awaitable):
    try:
        print("returned", what, await awaitable)
    except BaseException as error:
        print("refused", what, type(error).__name__, error)
asyncio.run(main())`),
    program('_posixsubprocess.fork_exec', `import _posixsubprocess, os
attempt("fork_exec", lambda: _posixsubprocess.fork_exec([b"/bin/sh", b"-c", ${JSON.stringify(touch('fork-exec'))}.encode()], [b"/bin/sh"], True, (), None, None, -1, -1, -1, -1, -1, -1, -1, -1, False, False, 0, None, None, None, -1, None))`),
    program('an unpatched posix.system, recovered from the builtin importer', `import importlib.machinery, _imp
spec = importlib.machinery.ModuleSpec("posix", importlib.machinery.BuiltinImporter)
fresh = attempt("create_builtin", lambda: _imp.create_builtin(spec))
if fresh is not None:
    attempt("fresh system", lambda: fresh.system(${JSON.stringify(touch('fresh-posix'))}))
import sys
del sys.modules["posix"]
again = attempt("reimport", lambda: importlib.import_module("posix"))
if again is not None:
    attempt("reimported system", lambda: again.system(${JSON.stringify(touch('reimported-posix'))}))`),
    program('ctypes: libc through the interpreter itself', `import ctypes
libc = attempt("CDLL(None)", lambda: ctypes.CDLL(None))
if libc is not None:
    attempt("system", lambda: libc.system(${JSON.stringify(touch('ctypes-system'))}.encode()))
    attempt("popen", lambda: libc.popen(b"id", b"r"))
    attempt("socket", lambda: libc.socket(2, 1, 0))
attempt("pythonapi", lambda: ctypes.pythonapi.PyRun_SimpleString)`),
    program('ctypes: a shared library of the host', `import ctypes, ctypes.util
for name in ("libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6", "libSystem.dylib", "msvcrt", ctypes.util.find_library("c")):
    attempt(f"CDLL({name})", lambda: ctypes.CDLL(name))
attempt("cdll.LoadLibrary", lambda: ctypes.cdll.LoadLibrary("libc.so.6"))`),
    program('ctypes: a side module the program writes, then loads', `import ctypes, os, importlib.machinery, _imp, sys
path = "/tmp/evil.so"
# A side module (dylink.0) whose PyInit_evilmod calls Emscripten's system(), as the gate sees it.
with open(path, "wb") as f:
    f.write(bytes.fromhex("0061736d01000000000f0864796c696e6b2e3001040000000001060160017f017f021a0103656e76"
                          "125f656d736372697074656e5f73797374656d0000030201000712010e5079496e69745f6576696c"
                          "6d6f6400010a08010600410010000b"))
attempt("CDLL(path)", lambda: ctypes.CDLL(path))
spec = importlib.machinery.ModuleSpec("_ctypes", importlib.machinery.BuiltinImporter)
raw = attempt("fresh _ctypes", lambda: _imp.create_builtin(spec))
if raw is not None:
    attempt("raw dlopen", lambda: raw.dlopen(path, 0))
    attempt("raw dlopen libc", lambda: raw.dlopen("libc.so.6", 0))
sys.path.insert(0, "/tmp")
os.rename(path, "/tmp/evilmod.cpython-314-wasm32-emscripten.so")
attempt("import extension", lambda: __import__("evilmod"))`),
    program('import the JavaScript bridge by name', `for name in ("js", "pyodide", "pyodide.ffi", "pyodide.code", "pyodide.http", "pyodide_js", "_pyodide", "_pyodide_core", "pyodide.webloop"):
    attempt(f"import {name}", lambda: __import__(name))
import importlib.util
attempt("find_spec js", lambda: importlib.util.find_spec("js"))`),
    program('look for JavaScript objects in the heap', `import gc
found = [o for o in gc.get_objects() if "Js" in type(o).__name__ or "pyodide" in type(o).__module__]
print("found", len(found))
for o in found[:20]:
    attempt("require", lambda: o.require)
    attempt("process", lambda: o.process)`),
    program('re-insert the JavaScript import hook found in the heap', `import gc, sys
finders = [o for o in gc.get_objects() if isinstance(o, type) and "pyodide" in getattr(o, "__module__", "") and hasattr(o, "find_spec")]
print("finder classes", len(finders))
for finder in finders:
    attempt("insert", lambda: sys.meta_path.insert(0, finder()))
attempt("import js", lambda: __import__("js").globalThis.process.mainModule.require("child_process").execSync(${JSON.stringify(touch('js-hook'))}))`, { endsRefused: 'maybe' }),
    program('the bridge through _pyodide_core, recovered from the builtin importer', `import importlib.machinery, _imp
spec = importlib.machinery.ModuleSpec("_pyodide_core", importlib.machinery.BuiltinImporter)
core = _imp.create_builtin(spec)
print("functions", sorted(n for n in dir(core) if not n.startswith("_"))[:8], flush=True)
proxy = core.create_proxy(lambda: 1)
print("ESCAPED: made a JavaScript proxy", proxy)`, { endsRefused: true }),
    program('read host files', `import os, io, pathlib, linecache, mmap
for path in ("/etc/passwd", "/etc/hostname", SECRET_FILE, "/proc/1/environ", "/proc/self/environ", "/proc/self/cmdline"):
    attempt(f"open {path}", lambda: open(path).read())
    attempt(f"os.open {path}", lambda: os.read(os.open(path, os.O_RDONLY), 100))
    attempt(f"FileIO {path}", lambda: io.FileIO(path).read())
    attempt(f"pathlib {path}", lambda: pathlib.Path(path).read_bytes())
    attempt(f"linecache {path}", lambda: linecache.getline(path, 1))
attempt("mmap", lambda: mmap.mmap(os.open(SECRET_FILE, os.O_RDONLY), 0, access=mmap.ACCESS_READ)[:])`),
    program('list and stat host folders', `import os, glob, pathlib
for path in (TARGET, "/", "/etc", "/home", "/root", "/proc/1", "/sys"):
    attempt(f"listdir {path}", lambda: os.listdir(path))
    attempt(f"stat {path}", lambda: os.stat(path))
attempt("scandir", lambda: [e.name for e in os.scandir(TARGET)])
attempt("glob", lambda: glob.glob(TARGET + "/*"))
attempt("walk", lambda: list(os.walk(TARGET)))
attempt("exists secret", lambda: os.path.exists(SECRET_FILE))`),
    program('write host files', `import os, shutil, tempfile, pathlib
attempt("open w", lambda: open(f"{TARGET}/escaped-open", "w").write("x"))
attempt("makedirs then write", lambda: (os.makedirs(TARGET, exist_ok=True), open(f"{TARGET}/escaped-made", "w").write("x")))
attempt("relative", lambda: open("escaped-relative", "w").write("x"))
attempt("home", lambda: open(os.path.expanduser("~/escaped-home"), "w").write("x"))
attempt("shutil.copy", lambda: shutil.copy("/etc/passwd", f"{TARGET}/escaped-copy"))
attempt("mkstemp", lambda: tempfile.mkstemp(dir=TARGET))
attempt("symlink", lambda: os.symlink("/etc/passwd", f"{TARGET}/escaped-link"))
attempt("mkfifo", lambda: os.mkfifo(f"{TARGET}/escaped-fifo"))
attempt("pathlib", lambda: pathlib.Path(f"{TARGET}/escaped-pathlib").write_text("x"))
attempt("remove secret", lambda: os.remove(SECRET_FILE))`),
    program('the environment', `import os
print("environ", dict(os.environ))
attempt("getenv", lambda: os.getenv("LOOPSCOPE_ISOLATION_CANARY"))
attempt("environb", lambda: dict(os.environb))
attempt("proc environ", lambda: open("/proc/self/environ", "rb").read())
attempt("confstr", lambda: [os.confstr(n) for n in os.confstr_names])
attempt("getlogin", lambda: os.getlogin())
attempt("uname", lambda: os.uname())
attempt("uid", lambda: (os.getuid(), os.geteuid(), os.getgid()))
import pwd
attempt("pwd", lambda: pwd.getpwall())`),
    program('TCP to a listener on 127.0.0.1', `import socket
attempt("create_connection", lambda: socket.create_connection(("127.0.0.1", TCP_PORT), timeout=1))
attempt("socket().connect", lambda: socket.socket().connect(("127.0.0.1", TCP_PORT)))
import _socket
raw = attempt("_socket.socket", lambda: _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM))
if raw is not None:
    attempt("raw connect", lambda: raw.connect(("127.0.0.1", TCP_PORT)))
attempt("socket.socket.__init__ of the C type", lambda: _socket.socket.__init__(object.__new__(socket.socket), 2, 1, 0))`),
    program('UDP to a socket on 127.0.0.1', `import socket, _socket
attempt("sendto", lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"escape", ("127.0.0.1", UDP_PORT)))
raw = attempt("_socket", lambda: _socket.socket(_socket.AF_INET, _socket.SOCK_DGRAM))
if raw is not None:
    attempt("raw sendto", lambda: raw.sendto(b"escape", ("127.0.0.1", UDP_PORT)))`),
    program('asyncio network', `import asyncio
async def main():
    for what, make in (("open_connection", lambda: asyncio.open_connection("127.0.0.1", TCP_PORT)),
                       ("start_server", lambda: asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)),
                       ("datagram", lambda: asyncio.get_running_loop().create_datagram_endpoint(asyncio.DatagramProtocol, remote_addr=("127.0.0.1", UDP_PORT))),
                       ("sock_connect", lambda: asyncio.get_running_loop().sock_connect(None, ("127.0.0.1", TCP_PORT)))):
        try:
            print("returned", what, await make())
        except BaseException as error:
            print("refused", what, type(error).__name__, error)
asyncio.run(main())`),
    program('HTTP clients', `import urllib.request, http.client
attempt("urlopen", lambda: urllib.request.urlopen(f"http://127.0.0.1:{TCP_PORT}/", timeout=1).read())
attempt("http.client", lambda: http.client.HTTPConnection("127.0.0.1", TCP_PORT, timeout=1).request("GET", "/"))
attempt("pyodide.http", lambda: __import__("pyodide.http"))
import webbrowser
attempt("webbrowser", lambda: webbrowser.open(f"http://127.0.0.1:{TCP_PORT}/"))`),
    program('signals to the host process', `import os, signal
attempt("kill host", lambda: os.kill(HOST_PID, signal.SIGUSR2))
attempt("kill host TERM", lambda: os.kill(HOST_PID, signal.SIGTERM))
attempt("killpg", lambda: os.killpg(HOST_PID, signal.SIGUSR2))
attempt("kill all", lambda: os.kill(-1, signal.SIGUSR2))
attempt("pthread_kill", lambda: signal.pthread_kill(HOST_PID, signal.SIGUSR2))
attempt("pidfd", lambda: os.pidfd_open(HOST_PID))`),
    program('the engine\'s own descriptors', `import os
# In the engine process descriptors 3-5 are its pipes to the host; here they are the interpreter's own.
for fd in range(3, 12):
    attempt(f"fstat {fd}", lambda: os.fstat(fd))
for fd in (3, 4, 5, 6):
    attempt(f"write {fd}", lambda: os.write(fd, b"\\x00\\x00\\x10\\x00\\x03garbage{]"))
print("still running")`),
    program('threads and processes of Python', `import threading, _thread, multiprocessing, concurrent.futures
attempt("Thread", lambda: threading.Thread(target=print).start())
attempt("_thread", lambda: _thread.start_new_thread(print, ()))
attempt("Process", lambda: multiprocessing.Process(target=print).start())
attempt("Pool", lambda: multiprocessing.Pool(2))
attempt("ThreadPoolExecutor", lambda: concurrent.futures.ThreadPoolExecutor().submit(print).result())
attempt("ProcessPoolExecutor", lambda: concurrent.futures.ProcessPoolExecutor().submit(print).result())`),
    program('pty and terminals', `import pty, os, termios, tty
attempt("pty.spawn", lambda: pty.spawn(["/bin/sh", "-c", ${JSON.stringify(touch('pty'))}]))
attempt("openpty", lambda: os.openpty())
attempt("tcgetattr", lambda: termios.tcgetattr(0))
attempt("ttyname", lambda: os.ttyname(0))
attempt("ctermid", lambda: os.ctermid())`),
    program('exec and spawn', `import os
for name in ("execv", "execve", "execvp", "execl", "spawnv", "spawnl", "posix_spawn", "posix_spawnp", "fork", "forkpty"):
    fn = getattr(os, name, None)
    if fn is None:
        print("absent", name)
        continue
    attempt(name, lambda: fn("/bin/sh", ["/bin/sh", "-c", ${JSON.stringify(touch('exec'))}]))`),
    program('a timer on the host\'s event loop', `import signal
attempt("setitimer", lambda: signal.setitimer(signal.ITIMER_REAL, 0.01))
attempt("alarm", lambda: signal.alarm(1))
import time
time.sleep(0.05)
print("no alarm")`),
    program('stdin of the engine process', `import os, sys
attempt("read fd 0", lambda: os.read(0, 1000))
attempt("stdin", lambda: sys.stdin.read())
attempt("input", lambda: input())`),
    program('code objects and frames of the agent', `import sys, gc
agent = [m for name, m in sys.modules.items() if name.startswith("loopscope_agent")]
print("agent modules", len(agent))
hosts = [o for o in gc.get_objects() if type(o).__name__ == "DeviceHost"]
for host in hosts:
    attempt("post a forged event", lambda: host.post('[{"type": "output", "stream": "stdout", "text": "forged\\\\n"}]'))
    attempt("read a command", lambda: host.poll_command())
print("done")`),
  ];
}

export function hostilePrograms(target: Target): HostileProgram[] {
  return [...GENERATED_MODULES.map((module) => generated(module, target)), ...handWritten(target)];
}
