"""Loopscope's agent: runs a Python asyncio program under a deterministic, virtual-time,
instrumented event loop and reports what happens inside it.

It runs inside Pyodide (the embedded engine) and also imports under native CPython 3.11+,
which is how DebugLoop is checked against CPython's own asyncio tests.
"""
