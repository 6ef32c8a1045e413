"""(a) 1000 tasks x 100 await asyncio.sleep(0)."""
import asyncio, time

async def spin():
    for _ in range(100):
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(*(spin() for _ in range(1000)))

def never_called():
    return 1  # BREAK-NEVER-1

started = time.perf_counter()
asyncio.run(main())
print(f"BENCH {time.perf_counter() - started:.6f}")
