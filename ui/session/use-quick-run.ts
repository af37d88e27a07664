// A quick run in the hidden panel: the sandbox asks for one ('quick-run'), the panel waits for the selection's
// references, then refuses (saying why) or generates through its own pipeline, and reports how it ended.
import { useEffect, useRef } from 'preact/hooks';
import type { Bridge } from '../bridge';
import { quickOutcome, quickStep } from '../state/quick-run';
import type { QuickView } from '../state/quick-run';
import type { RunState } from '../state/run';

type Phase = 'none' | 'waiting' | 'generating' | 'ended';

/**
 * Runs the quick run the sandbox asks for through the panel's own `generate`; returns the function that starts it
 * (call it from the 'quick-run' handler after setting the prompt). `run` is the panel's run state.
 */
export function useQuickRun(bridge: Bridge, view: QuickView, run: RunState, generate: () => void): () => void {
  const phase = useRef<Phase>('none');
  useEffect(() => {
    if (phase.current === 'waiting') {
      const step = quickStep(view);
      if (step.kind === 'fail') {
        phase.current = 'ended';
        bridge.post('quick-failed', { message: step.message });
      } else if (step.kind === 'generate') {
        phase.current = 'generating';
        generate();
      }
    } else if (phase.current === 'generating') {
      const outcome = quickOutcome(run);
      if (!outcome) return;
      phase.current = 'ended';
      if (outcome.type === 'quick-done') bridge.post('quick-done', outcome.payload);
      else bridge.post('quick-failed', outcome.payload);
    }
  });
  return () => {
    if (phase.current === 'none') phase.current = 'waiting';
  };
}
