"""Entry point called by the engine (core/engine/interpreter.ts) inside Pyodide."""
import gc
import json
import signal

from .host_channel import DeviceHost
from .isolation import close_js_bridge, preload
from .runner import Run


def boot():
    """Called once, when the interpreter has loaded, before its run: do now, off the run's
    clock, what every run needs done. Import the modules the run imports, then move every object
    that exists (the interpreter's and the agent's, ~21,000) out of the garbage collector's
    sight: collections while the program runs, and the one at its exit, walk only the
    program's objects (the one at exit took ~17 ms before)."""
    preload()
    # Pause reaches the program as SIGINT, which the debugger handles once it is installed,
    # right before the program runs. A Pause sent sooner (as soon as a run starts) would
    # raise KeyboardInterrupt in the agent's own set-up: until then SIGINT is ignored, and the
    # host, which rings until the program pauses, reaches the debugger's handler.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.collect()
    gc.freeze()


def main():
    """Run the program the host sends and report its exit status.

    The JavaScript bridge is closed first, and what it leaves behind collected, while nothing
    refuses it yet; opening the host channel then arms the engine's import gate. The first
    message on the channel is the run's options."""
    close_js_bridge()
    gc.collect()
    host = DeviceHost()
    options = json.loads(host.wait_command())
    run = Run(host, options)
    host.report_exit(run.execute(options["source"]))
