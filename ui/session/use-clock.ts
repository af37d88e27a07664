// The time the run status counts its seconds from: it ticks only while a run is generating, so an idle panel
// never re-renders on a timer.
import { useEffect, useState } from 'preact/hooks';

const TICK_MS = 1000;

export interface Clock {
  readonly now: number;
  /** Sets the time at once: a run shows 0 s from its click, not from the next tick. */
  reset(): void;
}

/** The time now, ticking every TICK_MS while `running`. */
export function useClock(running: boolean): Clock {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  return { now, reset: () => setNow(Date.now()) };
}
