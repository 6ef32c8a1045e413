# Lost update across an await: a deposit reads the balance, awaits the ledger, then writes
# back what it read plus the amount. The default order happens to run the late depositor's
# read after the first one's write; an order in which both read first loses a deposit.
import asyncio

balance = 100


async def record_in_ledger(amount):
    await asyncio.sleep(0)


async def deposit(amount):
    global balance
    current = balance
    await record_in_ledger(amount)
    balance = current + amount


async def late_deposit(amount):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await deposit(amount)


async def main():
    await asyncio.gather(deposit(50), late_deposit(25))
    assert balance == 175, f"balance is {balance}, expected 175"
    print("balance", balance)


asyncio.run(main())
