// `npm start -- --fault`: each name a designer may type, the message for anything else, and what it switches on.
import { describe, expect, it } from 'vitest';
import { STAND_IN_MODES, type SegmindStandInMode } from '../support/segmind-stand-in';
import {
  PLAYGROUND_FAULTS,
  applyPlaygroundFault,
  parsePlaygroundFault,
  playgroundFaultSwitch,
  type PlaygroundFault,
} from './playground-fault';

/** The two switches the fault uses, recorded. */
function recordingStandIn() {
  const calls: { mode?: SegmindStandInMode; cors?: boolean } = {};
  return {
    calls,
    setMode: (mode: SegmindStandInMode) => void (calls.mode = mode),
    setCors: (on: boolean) => void (calls.cors = on),
  };
}

describe('parsePlaygroundFault', () => {
  it('accepts exactly the documented names', () => {
    expect(Object.keys(PLAYGROUND_FAULTS)).toEqual(['401', '406', '429', '500', 'slow', 'cors', 'not-image']);
    for (const name of Object.keys(PLAYGROUND_FAULTS)) expect(parsePlaygroundFault(name)).toEqual({ fault: name });
  });

  it('refuses anything else, naming the faults there are', () => {
    const names = '401|406|429|500|slow|cors|not-image';
    expect(parsePlaygroundFault('402')).toEqual({ error: `--fault 402 is not a fault the stand-in knows; use one of ${names}` });
    expect(parsePlaygroundFault('toString')).toEqual({ error: `--fault toString is not a fault the stand-in knows; use one of ${names}` });
    expect(parsePlaygroundFault(undefined)).toEqual({ error: `--fault needs one of ${names}` });
    expect(parsePlaygroundFault('--port'), 'the next option is not a value').toEqual({ error: `--fault needs one of ${names}` });
  });
});

describe('applyPlaygroundFault', () => {
  const expected: Record<PlaygroundFault, { mode: SegmindStandInMode; cors: boolean }> = {
    '401': { mode: 'unauthorized', cors: true },
    '406': { mode: 'no-credits', cors: true },
    '429': { mode: 'rate-limited', cors: true },
    '500': { mode: 'server-error', cors: true },
    slow: { mode: 'slow', cors: true },
    cors: { mode: 'ok', cors: false },
    'not-image': { mode: 'not-image', cors: true },
  };

  it.each(Object.entries(expected))('%s → the stand-in mode %j', (fault, want) => {
    const standIn = recordingStandIn();
    applyPlaygroundFault(standIn, fault as PlaygroundFault);
    expect(standIn.calls).toEqual(want);
    expect(STAND_IN_MODES).toContain(want.mode);
  });

  it('no fault → normal answers with CORS', () => {
    const standIn = recordingStandIn();
    applyPlaygroundFault(standIn, null);
    expect(standIn.calls).toEqual({ mode: 'ok', cors: true });
  });
});

describe('playgroundFaultSwitch', () => {
  it('applies the starting fault at once, then switches by name; an unknown name changes nothing', () => {
    const standIn = recordingStandIn();
    const faults = playgroundFaultSwitch(standIn, 'cors');
    expect([faults.current(), standIn.calls]).toEqual(['cors', { mode: 'ok', cors: false }]);
    faults.set('406');
    expect([faults.current(), standIn.calls]).toEqual(['406', { mode: 'no-credits', cors: true }]);
    expect(() => faults.set('teapot')).toThrow('--fault teapot is not a fault the stand-in knows');
    expect(faults.current()).toBe('406');
    faults.set(null);
    expect([faults.current(), standIn.calls]).toEqual([null, { mode: 'ok', cors: true }]);
    expect(faults.names).toEqual(Object.keys(PLAYGROUND_FAULTS));
  });
});
