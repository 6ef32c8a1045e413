# Correct: the consumer waits with a predicate (Condition.wait_for), so a notify that comes
# before it waits is not lost.
import asyncio

condition = asyncio.Condition()
items = []


async def consumer():
    await asyncio.sleep(0)
    async with condition:
        await condition.wait_for(lambda: items)
        return items.pop()


async def producer():
    await asyncio.sleep(0)
    async with condition:
        items.append("job")
        condition.notify_all()


async def main():
    got, _ = await asyncio.gather(consumer(), producer())
    print("got", got)


asyncio.run(main())
