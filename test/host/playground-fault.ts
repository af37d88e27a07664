// `npm start -- --fault <fault>`: the names a designer types for the Segmind stand-in's faults, so every error
// state of the panel can be seen by clicking Generate. The faults themselves are the stand-in's modes (the ones
// test/e2e/faults.test.ts drives); this only names a few and switches them on, at start or from the page's menu.
import type { SegmindStandIn, SegmindStandInMode } from '../support/segmind-stand-in';
import type { FaultSwitch } from './server';

/** What `--fault` accepts, each with the stand-in's behaviour behind it. */
export const PLAYGROUND_FAULTS = {
  '401': { mode: 'unauthorized', cors: true, says: 'every generation is refused: invalid API key (401)' },
  '406': { mode: 'no-credits', cors: true, says: 'every generation is refused: not enough credits (406)' },
  '429': { mode: 'rate-limited', cors: true, says: 'every generation is rate limited (429, reset in a minute)' },
  '500': { mode: 'server-error', cors: true, says: 'every generation fails with a Segmind error (500)' },
  slow: { mode: 'slow', cors: true, says: 'every image takes 30 s (time to watch progress and Cancel)' },
  cors: { mode: 'ok', cors: false, says: 'the stand-in answers no CORS preflight, so the browser blocks every request' },
  'not-image': { mode: 'not-image', cors: true, says: 'every answer is an HTML page instead of an image' },
} as const satisfies Record<string, { mode: SegmindStandInMode; cors: boolean; says: string }>;

export type PlaygroundFault = keyof typeof PLAYGROUND_FAULTS;

/** `value` as a fault, or a message naming the ones there are. */
export function parsePlaygroundFault(value: string | undefined): { fault: PlaygroundFault } | { error: string } {
  const names = Object.keys(PLAYGROUND_FAULTS).join('|');
  if (value === undefined || value.startsWith('--')) return { error: `--fault needs one of ${names}` };
  if (!Object.hasOwn(PLAYGROUND_FAULTS, value)) return { error: `--fault ${value} is not a fault the stand-in knows; use one of ${names}` };
  return { fault: value as PlaygroundFault };
}

/** Makes `standIn` answer every generation with `fault` (null: answer normally). */
export function applyPlaygroundFault(standIn: Pick<SegmindStandIn, 'setMode' | 'setCors'>, fault: PlaygroundFault | null): void {
  const { mode, cors } = fault === null ? { mode: 'ok' as const, cors: true } : PLAYGROUND_FAULTS[fault];
  standIn.setMode(mode);
  standIn.setCors(cors);
}

/** The host page's Fault menu for `standIn`, starting at `initial` (which is applied now). */
export function playgroundFaultSwitch(standIn: Pick<SegmindStandIn, 'setMode' | 'setCors'>, initial: PlaygroundFault | null): FaultSwitch {
  let current = initial;
  applyPlaygroundFault(standIn, current);
  return {
    names: Object.keys(PLAYGROUND_FAULTS),
    current: () => current,
    set(name) {
      const parsed = name === null ? { fault: null } : parsePlaygroundFault(name);
      if ('error' in parsed) throw new Error(parsed.error);
      current = parsed.fault;
      applyPlaygroundFault(standIn, current);
    },
  };
}
