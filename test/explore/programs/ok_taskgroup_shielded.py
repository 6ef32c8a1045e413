# Correct: a transfer in a TaskGroup whose sibling fails is cancelled, but it undoes its debit
# when cancelled, so the books balance whatever the order; the expected error is handled.
import asyncio

accounts = {"alice": 100, "bob": 0}


async def transfer(amount):
    accounts["alice"] -= amount
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        accounts["alice"] += amount
        raise
    accounts["bob"] += amount


async def validator():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    raise ValueError("rejected")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(transfer(40))
            group.create_task(validator())
    except* ValueError:
        pass
    assert sum(accounts.values()) == 100, accounts
    print("balanced")


asyncio.run(main())
