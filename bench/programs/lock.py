"""(c) 100 tasks contending for one Lock, 1000 times each."""
import asyncio, time

async def contend(lock, counter):
    for _ in range(1000):
        async with lock:
            counter[0] += 1
            await asyncio.sleep(0)

async def main():
    lock = asyncio.Lock()
    counter = [0]
    await asyncio.gather(*(contend(lock, counter) for _ in range(100)))
    assert counter[0] == 100_000

def never_called():
    return 1  # BREAK-NEVER-1

started = time.perf_counter()
asyncio.run(main())
print(f"BENCH {time.perf_counter() - started:.6f}")
