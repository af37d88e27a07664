// The client's own overhead, measured in the browser host with the Segmind stand-in at zero latency:
// Generate click → layer placed, split by the panel's performance marks (ui/timing.ts), and the selection
// phase before it (export in the sandbox, encoding in the panel). Runs the production build, as the e2e
// tests do (test/support/e2e.ts). Prints nothing itself: bench/run.mjs formats the figures.
import type { LayerSpec } from '../test/host/host-api';
import { startE2EAsync, type E2E } from '../test/support/e2e';

export interface Scenario {
  readonly name: string;
  readonly ratio: string;
  readonly layers: readonly LayerSpec[];
}

export interface Segment {
  readonly name: string;
  readonly medianMs: number;
}

export interface ScenarioFigures {
  readonly scenario: string;
  readonly runs: number;
  /** Generate click → the panel hears the layer was placed, less the stand-in's own working time. */
  readonly clickToPlacedMs: number;
  readonly clickSegments: readonly Segment[];
  /** Selection → Generate enabled: export in the sandbox, then decoding and encoding in the panel. */
  readonly selectToReadyMs: number;
  readonly exportMs: number;
}

const SAMPLE = (name: string, file: string, x: number, width: number, height: number): LayerSpec => ({
  name,
  type: 'FRAME',
  x,
  y: 0,
  width,
  height,
  imageUrl: `/samples/${file}.svg`,
});

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'seed example: 2 references → 1280×720',
    ratio: '1280:720',
    layers: [SAMPLE('model', 'person', 0, 600, 800), SAMPLE('cloth', 'garment', 640, 600, 800)],
  },
  {
    name: '3 references → 1920×1080',
    ratio: '1920:1080',
    layers: [
      SAMPLE('model', 'person', 0, 600, 800),
      SAMPLE('cloth', 'garment', 640, 600, 800),
      SAMPLE('product', 'product', 1280, 800, 800),
    ],
  },
];

const PROMPT = 'photo of @model wearing @cloth, standing in a garden';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The panel's gen4:* marks of the last run, as epoch milliseconds (comparable across frames). */
async function marksAsync(e2e: E2E): Promise<Record<string, number>> {
  const frame = await e2e.pluginFrameAsync();
  return frame.evaluate(() => {
    const marks: Record<string, number> = {};
    for (const entry of performance.getEntriesByType('mark')) {
      if (entry.name.startsWith('gen4:')) marks[entry.name.slice(5)] = performance.timeOrigin + entry.startTime;
    }
    return marks;
  });
}

/** Starts watching for Generate to become enabled; the returned function waits for that moment (epoch ms). */
async function readyTimeAsync(e2e: E2E): Promise<() => Promise<number>> {
  const frame = await e2e.pluginFrameAsync();
  // Kept on the frame's window: evaluate would otherwise wait for the promise before the selection changes.
  await frame.evaluate(() => {
    const watch = window as unknown as { gen4Ready?: Promise<number> };
    watch.gen4Ready = new Promise<number>((resolve) => {
      const enabled = (): boolean =>
        [...document.querySelectorAll('button.primary')].some(
          (button) => button.textContent === 'Generate' && !(button as HTMLButtonElement).disabled,
        );
      const observer = new MutationObserver(() => {
        if (!enabled()) return;
        observer.disconnect();
        resolve(performance.timeOrigin + performance.now());
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
  });
  return () => frame.evaluate(() => (window as unknown as { gen4Ready: Promise<number> }).gen4Ready);
}

async function hostNowAsync(e2e: E2E): Promise<number> {
  return e2e.page.evaluate(() => performance.timeOrigin + performance.now());
}

async function runScenarioAsync(e2e: E2E, scenario: Scenario, runs: number): Promise<ScenarioFigures> {
  await e2e.resetAsync();
  await e2e.openPluginAsync();
  await e2e.saveKeyAsync();
  const ids = await e2e.addLayersAsync(scenario.layers);
  await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption(scenario.ratio);

  const totals: number[] = [];
  const segments: Record<string, number[]> = {
    'request: build, send, read (client)': [],
    'request: stand-in working (excluded)': [],
    'answer check (panel)': [],
    'placing (sandbox + host)': [],
  };
  const readies: number[] = [];
  const exports: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await e2e.host('select', []);
    await e2e.plugin.locator('.card').first().waitFor({ state: 'detached' });
    const timelineBefore = (await e2e.host('timeline')).length;
    const ready = await readyTimeAsync(e2e);
    const selectedAt = await hostNowAsync(e2e);
    await e2e.host('select', ids);
    readies.push((await ready()) - selectedAt);
    const events = (await e2e.host('timeline')).slice(timelineBefore);
    const starts = events.filter((event) => event.event === 'export-start').map((event) => event.at);
    const ends = events.filter((event) => event.event === 'export').map((event) => event.at);
    if (starts.length && ends.length) exports.push(Math.max(...ends) - Math.min(...starts));

    const frame = await e2e.pluginFrameAsync();
    await frame.evaluate(() => performance.clearMarks());
    const requestsBefore = e2e.standIn.requests.length;
    const end = await e2e.generateAsync();
    if (!end.text.includes('Placed')) throw new Error(`Run ${run + 1} of "${scenario.name}" ended with: ${end.text}`);
    const marks = await marksAsync(e2e);
    const start = marks['generate-start'];
    const response = marks.response;
    const posted = marks['place-posted'];
    const placed = marks.placed;
    if (start === undefined || response === undefined || posted === undefined || placed === undefined) {
      throw new Error(`Missing performance marks: ${JSON.stringify(marks)}`);
    }
    const post = e2e.standIn.requests.slice(requestsBefore).find((request) => request.method === 'POST');
    const standInMs = post?.answeredAt ? post.answeredAt - post.receivedAt : 0;
    totals.push(placed - start - standInMs);
    segments['request: build, send, read (client)']?.push(response - start - standInMs);
    segments['request: stand-in working (excluded)']?.push(standInMs);
    segments['answer check (panel)']?.push(posted - response);
    segments['placing (sandbox + host)']?.push(placed - posted);
  }
  return {
    scenario: scenario.name,
    runs,
    clickToPlacedMs: median(totals),
    clickSegments: Object.entries(segments).map(([name, values]) => ({ name, medianMs: median(values) })),
    selectToReadyMs: median(readies),
    exportMs: median(exports),
  };
}

/** Runs every scenario `runs` times in one browser and returns the medians. */
export async function runFlowBenchAsync(runs = 7): Promise<ScenarioFigures[]> {
  const e2e = await startE2EAsync();
  try {
    const figures: ScenarioFigures[] = [];
    for (const scenario of SCENARIOS) figures.push(await runScenarioAsync(e2e, scenario, runs));
    return figures;
  } finally {
    await e2e.close();
  }
}
