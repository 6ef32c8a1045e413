"""Entry point called by the engine worker (core/engine/worker.ts) inside Pyodide."""
import json

from .runner import Run


def main(options_json, host):
    """Run the program described by `options_json` and return its exit status.

    `host` is the worker's JavaScript module: post(json) sends a batch of events to the host.
    """
    options = json.loads(options_json)
    run = Run(host.post, options["filename"], options.get("argv", []), options.get("seed", 0),
              options.get("outputLimit", 8_000_000), options.get("tickInterval", 0.05))
    return run.execute(options["source"])
