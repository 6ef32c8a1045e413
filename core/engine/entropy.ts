// The interpreter's source of randomness (WASI random_get: os.urandom, secrets, uuid4), seeded
// by the run's seed like Python's `random`: the same program and options give the same run,
// bytes of os.urandom included (time travel re-executes a run and must see the same bytes).
// Not for secrets: this is a debugger's sandbox, not a vault.

/** mulberry32: small, fast, and good enough to stand in for a program's entropy. */
export class SeededEntropy {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  fill(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i += 4) {
      let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const word = (t ^ (t >>> 14)) >>> 0;
      for (let j = 0; j < 4 && i + j < bytes.length; j++) bytes[i + j] = (word >>> (8 * j)) & 0xff;
    }
  }
}
