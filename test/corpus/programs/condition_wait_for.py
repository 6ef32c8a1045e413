"""Condition.wait_for(predicate): consumers wait until a shared buffer holds what they need."""
import asyncio


async def consumer(name, cond, buffer, need):
    async with cond:
        await cond.wait_for(lambda: len(buffer) >= need)
        taken = [buffer.pop(0) for _ in range(need)]
        print(f"{name} took {taken}")


async def producer(cond, buffer):
    for item in range(1, 7):
        await asyncio.sleep(0.1)
        async with cond:
            buffer.append(item)
            print("produced", item)
            cond.notify_all()


async def main():
    cond = asyncio.Condition()
    buffer = []
    await asyncio.gather(consumer("pair", cond, buffer, 2), consumer("triple", cond, buffer, 3),
                         producer(cond, buffer))
    print("left over:", buffer)


asyncio.run(main())
