// What a request handler throws to answer with an error response: the message is the user's.
import type { ZodType } from 'zod';

export class DapError extends Error {}

/** Parse a request's arguments, or say which argument is wrong and how. */
export function parseArguments<T>(command: string, schema: ZodType<T>, args: unknown): T {
  const parsed = schema.safeParse(args ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'arguments';
    return `${where}: ${issue.message}`;
  });
  throw new DapError(`${command}: invalid arguments (${problems.join('; ')})`);
}
