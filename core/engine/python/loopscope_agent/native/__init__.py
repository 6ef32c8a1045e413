"""Native mode: the agent inside the user's own Python (3.11+), a child process of the host.

The program runs with real time, real I/O and the user's rights, in asyncio's own selector
loop with the debugger's hooks (loop.py); the agent speaks to the host over two inherited pipes
(host.py), never the program's stdin or stdout; main.py is its entry point.
"""
