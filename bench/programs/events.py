"""(b) 100,000 tasks blocked on Events, then released."""
import asyncio, time

async def waiter(event):
    await event.wait()

async def main():
    events = [asyncio.Event() for _ in range(100_000)]
    tasks = [asyncio.create_task(waiter(e)) for e in events]
    await asyncio.sleep(0)  # ALL-BLOCKED
    for e in events:
        e.set()
    await asyncio.gather(*tasks)

def never_called():
    return 1  # BREAK-NEVER-1

started = time.perf_counter()
asyncio.run(main())
print(f"BENCH {time.perf_counter() - started:.6f}")
