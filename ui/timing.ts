// Named moments of a generation, as performance marks, so `npm run bench` can split the client's own time
// (building the request, waiting for it, preparing and placing the answer) without changing behaviour.

export type Moment = 'generate-start' | 'response' | 'place-posted' | 'placed';

/** Marks `moment` on the page's performance timeline (a no-op where the API is missing). */
export function markMoment(moment: Moment): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`gen4:${moment}`);
}
