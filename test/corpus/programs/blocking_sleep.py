"""time.sleep(0.01) inside a coroutine blocks the whole loop: other tasks wait, but the order is preserved."""
import asyncio
import time


async def blocker(log):
    log.append("blocker start")
    before = time.monotonic()
    time.sleep(0.01)  # blocks the event loop thread
    log.append(f"blocker slept at least 0.01: {time.monotonic() - before >= 0.01}")
    await asyncio.sleep(0)
    log.append("blocker end")


async def polite(name, log):
    log.append(f"{name} start")
    await asyncio.sleep(0)
    log.append(f"{name} resumed")


async def main():
    log = []
    await asyncio.gather(polite("a", log), blocker(log), polite("b", log))
    for line in log:
        print(line)

    # A timer that became due during the blocking sleep fires right after it.
    loop = asyncio.get_running_loop()
    fired = []
    loop.call_later(0.005, fired.append, "timer")
    time.sleep(0.01)
    print("fired before yielding:", fired)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("fired after yielding:", fired)


asyncio.run(main())
