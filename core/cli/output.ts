// What the CLI and the browser shell print: synchronously, so stdout and stderr keep the order
// the program wrote them in, and without dying when the reader has gone
// (`loopscope run prog.py | head`, `loopscope serve | head -1` to read the address).
import { writeSync } from 'node:fs';

/** Streams whose reader has gone; what is written to them is dropped. */
const brokenPipes = new Set<number>();
let onBrokenPipe: (() => void) | undefined;

export function write(fd: 1 | 2, text: string): void {
  if (brokenPipes.has(fd)) return;
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        brokenPipes.add(fd);
        onBrokenPipe?.();
        return;
      }
      if (code !== 'EAGAIN') throw error;
    }
  }
}

/** Whether the reader of stdout or stderr has gone. */
export function outputBroken(): boolean {
  return brokenPipes.size > 0;
}

/** Call `callback` when a reader goes (undefined: call nothing). */
export function whenOutputBreaks(callback: (() => void) | undefined): void {
  onBrokenPipe = callback;
}
