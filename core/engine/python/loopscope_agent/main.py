"""Entry point called by the engine worker (core/engine/worker.ts) inside Pyodide."""
import gc
import json

from .isolation import close_js_bridge, preload
from .runner import Run


def boot():
    """Called once, when the worker has loaded, before any run: do now, off the run's clock,
    what every run needs done. Import the modules the run imports, then move every object
    that exists (the interpreter's and the agent's, ~21,000) out of the garbage collector's
    sight: collections while the program runs, and the one at its exit, walk only the
    program's objects (the one at exit took ~17 ms before)."""
    preload()
    gc.collect()
    gc.freeze()


def main(options_json, host):
    """Run the program described by `options_json` and return its exit status.

    `host` is the worker's JavaScript module: post(json) sends a batch of events to the host;
    wait_command() blocks until the host sends a command; poll_command() returns one or None.
    """
    options = json.loads(options_json)
    run = Run(host, options)
    close_js_bridge()
    return run.execute(options["source"])
