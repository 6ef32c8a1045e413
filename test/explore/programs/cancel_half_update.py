# A cancellation that leaves state half-updated: shutdown cancels a transfer "in case it is
# still running"; cancelled between its debit and its credit, money disappears.
import asyncio

accounts = {"alice": 100, "bob": 0}


async def transfer(amount):
    accounts["alice"] -= amount
    await asyncio.sleep(0)  # write the journal
    accounts["bob"] += amount


async def main():
    task = asyncio.create_task(transfer(30))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    total = sum(accounts.values())
    assert total == 100, f"money lost: {accounts}"
    print(accounts)


asyncio.run(main())
