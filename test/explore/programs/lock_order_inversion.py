# Lock order inversion: one task takes `accounts` then `audit`, the other `audit` then
# `accounts`. In the default order the second starts after the first is done; if it starts
# while the first holds `accounts`, each waits for the other forever.
import asyncio

accounts = asyncio.Lock()
audit = asyncio.Lock()


async def transfer():
    async with accounts:
        await asyncio.sleep(0)
        async with audit:
            pass


async def report():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with audit:
        await asyncio.sleep(0)
        async with accounts:
            pass


async def main():
    await asyncio.gather(transfer(), report())
    print("done")


asyncio.run(main())
