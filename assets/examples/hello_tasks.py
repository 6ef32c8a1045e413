"""Hello, tasks: three greeters run concurrently and take turns at each await."""
import asyncio


async def greet(name, delay, times):
    for i in range(times):
        await asyncio.sleep(delay)
        print(f"hello from {name} ({i + 1}/{times})")
    return f"{name} done"


async def main():
    tasks = [
        asyncio.create_task(greet("alice", 0.1, 3), name="alice"),
        asyncio.create_task(greet("bob", 0.15, 2), name="bob"),
        asyncio.create_task(greet("carol", 0.25, 1), name="carol"),
    ]
    results = await asyncio.gather(*tasks)
    print("results:", results)


asyncio.run(main())
