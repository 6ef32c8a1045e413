"""Async comprehensions: list/set/dict/generator forms, await inside comprehensions, and filters."""
import asyncio


async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


async def square(x):
    await asyncio.sleep(0.001 * x)
    return x * x


async def main():
    print("list:", [i async for i in numbers(5)])
    print("filtered:", [i async for i in numbers(10) if i % 3 == 0])
    print("set:", sorted({i % 3 async for i in numbers(9)}))
    print("dict:", {i: i * i async for i in numbers(4)})
    print("await in list comp:", [await square(i) for i in range(4)])
    print("await + async for:", [await square(i) async for i in numbers(3)])
    gen = (i * 10 async for i in numbers(3))
    print("async genexp:", [x async for x in gen])
    nested = [[j async for j in numbers(i)] async for i in numbers(4)]
    print("nested:", nested)
    print("awaitables:", await asyncio.gather(*[square(i) for i in range(5)]))
    total = sum([x async for x in numbers(101)])
    print("sum:", total)


asyncio.run(main())
