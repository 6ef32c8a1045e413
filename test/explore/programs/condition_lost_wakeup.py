# A lost wake-up: the consumer waits on a Condition without checking its predicate first.
# If the producer notifies before the consumer waits, nobody wakes the consumer again.
import asyncio

condition = asyncio.Condition()
items = []


async def consumer():
    await asyncio.sleep(0)
    async with condition:
        await condition.wait()
        return items.pop()


async def producer():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with condition:
        items.append("job")
        condition.notify_all()


async def main():
    got, _ = await asyncio.gather(consumer(), producer())
    print("got", got)


asyncio.run(main())
