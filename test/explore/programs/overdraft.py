# Check-then-act on a balance: a withdrawal checks the funds, awaits the fraud check, then
# takes the money. Two withdrawals that both pass the check overdraw the account.
import asyncio


class Account:
    def __init__(self, balance):
        self.balance = balance

    async def withdraw(self, amount):
        if self.balance >= amount:
            await asyncio.sleep(0)  # the fraud check
            self.balance -= amount
            return True
        return False


async def later(steps, action):
    for _ in range(steps):
        await asyncio.sleep(0)
    return await action


async def main():
    account = Account(100)
    results = await asyncio.gather(account.withdraw(80), later(2, account.withdraw(60)))
    assert account.balance >= 0, f"overdrawn: balance {account.balance}, withdrawals {results}"
    print("balance", account.balance, results)


asyncio.run(main())
