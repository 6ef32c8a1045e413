// A value that follows its source at most once per `intervalMs` (newest wins), for views whose
// recomputation is too costly to repeat every frame while a big program streams.
import { useEffect, useRef, useState } from 'react';

export function useSampled<T>(value: T, intervalMs: number, immediate: boolean): T {
  const [sampled, setSampled] = useState(value);
  const lastAt = useRef(0);
  useEffect(() => {
    if (immediate) {
      lastAt.current = performance.now();
      setSampled(value);
      return;
    }
    const wait = lastAt.current + intervalMs - performance.now();
    const timer = setTimeout(() => {
      lastAt.current = performance.now();
      setSampled(value);
    }, Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [value, intervalMs, immediate]);
  return immediate ? value : sampled;
}
