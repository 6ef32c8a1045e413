"""LineEvents on this Python (sys.monitoring on 3.12+, settrace before): the callbacks get the
program's own frame, and a return is told from a coroutine's suspension. Prints one JSON line."""
import asyncio
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "core", "engine", "python"))
from loopscope_agent.line_events import LineEvents  # noqa: E402

lines, returns = [], []


def on_line(code, line, frame=None):
    frame = frame if frame is not None else sys._getframe(1)
    lines.append([frame.f_code.co_name, line - code.co_firstlineno, sorted(frame.f_locals)])


def on_return(code, offset, value, frame=None):
    frame = frame if frame is not None else sys._getframe(1)
    returns.append([frame.f_code.co_name, value])


async def fetch(n):
    await asyncio.sleep(0)
    return n * 10


async def main():
    total = await fetch(1)
    return total


events = LineEvents(on_line, on_return)
events.watch(main.__code__)
events.watch_returns(fetch.__code__)
asyncio.run(main())
events.unwatch_returns()
asyncio.run(main())
events.close()
print(json.dumps({"lines": lines, "returns": returns, "monitoring": hasattr(sys, "monitoring")}))
