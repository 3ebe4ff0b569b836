/** Time is passed in, never read from a global, so rounds and deadlines are testable. */
export type Now = () => Date;

/**
 * A clock that starts at `start` and then runs at real speed, so a demo can live inside the
 * plan year while replies still get distinct, ordered times.
 */
export function shiftedClock(start: Date, realNow: Now): Now {
  const offset = start.getTime() - realNow().getTime();
  return () => new Date(realNow().getTime() + offset);
}
