"""Callbacks scheduled with call_later and call_at, some cancelled before they run; handles report it."""
import asyncio


def ring(label, log):
    log.append(label)


async def main():
    loop = asyncio.get_running_loop()
    log = []
    start = loop.time()
    handles = {name: loop.call_later(delay, ring, name, log)
               for name, delay in (("one", 0.1), ("two", 0.2), ("three", 0.3), ("four", 0.4))}
    handles["five"] = loop.call_at(start + 0.5, ring, "five", log)
    handles["two"].cancel()
    await asyncio.sleep(0.25)
    handles["four"].cancel()
    print("so far:", log)
    await asyncio.sleep(0.5)
    print("in the end:", log)
    print({name: h.cancelled() for name, h in handles.items()})
    print("five was due", round(handles["five"].when() - start, 1), "s after start")


asyncio.run(main())
