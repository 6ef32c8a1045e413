"""asyncio.Event: many waiters released by one set(), is_set/clear, and waiting on an already-set event."""
import asyncio


async def waiter(name, event, log):
    log.append(f"{name} waiting")
    await event.wait()
    log.append(f"{name} released")
    return name


async def main():
    event = asyncio.Event()
    log = []
    tasks = [asyncio.create_task(waiter(f"w{i}", event, log)) for i in range(3)]
    await asyncio.sleep(0.01)
    print("before set:", event.is_set(), [t.done() for t in tasks])
    event.set()
    log.append("set called")
    print("after set, before yielding:", [t.done() for t in tasks])
    print(await asyncio.gather(*tasks))
    print(log)

    print("wait on set event returns", await event.wait())
    event.clear()
    print("cleared:", event.is_set())

    late = asyncio.create_task(waiter("late", event, log))
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, event.set)
    t0 = loop.time()
    await late
    print(f"late released after {loop.time() - t0:.1f}")

    # set then clear before the waiter runs: the waiter is still released.
    event.clear()
    quick = asyncio.create_task(waiter("quick", event, log))
    await asyncio.sleep(0)
    event.set()
    event.clear()
    print("quick:", await quick, "is_set:", event.is_set())


asyncio.run(main())
