# Two tasks read one async generator. While one is inside it (the generator awaits), the
# other asks for the next item: "anext(): asynchronous generator is already running".
import asyncio


async def ticks():
    for i in range(3):
        await asyncio.sleep(0)
        yield i


async def main():
    stream = ticks()

    async def first():
        return await anext(stream)

    async def second():
        await asyncio.sleep(0)
        return await anext(stream)

    print(await asyncio.gather(first(), second()))


asyncio.run(main())
