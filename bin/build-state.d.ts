/** True when dist/ under `root` (ending in /) is current: see build-state.js. */
export function distIsCurrent(root: string): boolean;
