"""Entry point called by the engine worker (core/engine/worker.ts) inside Pyodide."""
import json

from .isolation import close_js_bridge
from .runner import Run


def main(options_json, host):
    """Run the program described by `options_json` and return its exit status.

    `host` is the worker's JavaScript module: post(json) sends a batch of events to the host;
    wait_command() blocks until the host sends a command; poll_command() returns one or None.
    """
    options = json.loads(options_json)
    run = Run(host, options)
    close_js_bridge()
    return run.execute(options["source"])
