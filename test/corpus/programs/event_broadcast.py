"""One Event releases many waiters at once; clear() makes later waiters block until the next set()."""
import asyncio


async def waiter(name, event, log):
    log.append(f"{name} waiting")
    await event.wait()
    log.append(f"{name} released")


async def main():
    event = asyncio.Event()
    log = []
    tasks = [asyncio.create_task(waiter(f"w{i}", event, log)) for i in range(4)]
    await asyncio.sleep(0.1)
    print("before set:", event.is_set(), len(log), "entries")
    event.set()
    await asyncio.gather(*tasks)
    print(log)
    event.clear()
    late = asyncio.create_task(waiter("late", event, log))
    await asyncio.sleep(0.1)
    print("late done after clear?", late.done())
    asyncio.get_running_loop().call_later(0.2, event.set)
    await late
    print(log[-2:], "set again:", event.is_set())


asyncio.run(main())
