"""Nested asyncio.timeout blocks: the one that expires first raises TimeoutError where it stands; the other is untouched."""
import asyncio


async def case(outer, inner, work):
    try:
        async with asyncio.timeout(outer):
            try:
                async with asyncio.timeout(inner):
                    await asyncio.sleep(work)
                    return "finished"
            except TimeoutError:
                await asyncio.sleep(0.05)
                return "inner timed out"
    except TimeoutError:
        return "outer timed out"


async def main():
    for outer, inner, work in ((1, 0.2, 0.5), (0.2, 1, 0.5), (1, 1, 0.1), (0.3, 0.27, 0.5), (None, 0.1, 0.2)):
        print(outer, inner, work, "->", await case(outer, inner, work))


asyncio.run(main())
