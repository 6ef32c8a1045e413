// What the command lines of every command share: their usage error, and numbers.

/** A command line that cannot be carried out; the message says why (empty: show the usage). */
export class UsageError extends Error {}

export function integer(name: string, value: string | undefined): number {
  if (value === undefined || !/^-?\d+$/.test(value)) throw new UsageError(`${name} needs an integer, got ${value ?? 'nothing'}`);
  return Number(value);
}
