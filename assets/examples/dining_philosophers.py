"""Dining philosophers: each takes the left fork, then the right one, and they all deadlock."""
import asyncio

NAMES = ["Aristotle", "Kant", "Spinoza", "Marx", "Russell"]


async def philosopher(name, left, right):
    async with left:
        print(f"{name} took the left fork")
        await asyncio.sleep(0.1)
        async with right:
            print(f"{name} eats")
            await asyncio.sleep(0.1)


async def main():
    forks = [asyncio.Lock() for _ in NAMES]
    async with asyncio.TaskGroup() as table:
        for i, name in enumerate(NAMES):
            left, right = forks[i], forks[(i + 1) % len(forks)]
            table.create_task(philosopher(name, left, right), name=name)
    print("everyone ate")


asyncio.run(main())
