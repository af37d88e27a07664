// The client's own overhead, measured in the browser host with the Segmind stand-in at zero latency: selection →
// Generate enabled (export in the sandbox, decoding and encoding in the panel), Generate click → layer placed split
// by the panel's performance marks (ui/timing.ts), and reselecting the same layers. Every run opens the plugin
// afresh, so it measures a new sandboxed srcdoc iframe (origin null, as in Figma) with nothing prepared yet:
// Chromium gives some such iframes no idle time, which a long-lived one or a top-level page would hide. Runs the
// production build, as the e2e tests do (test/support/e2e.ts). Prints nothing itself: bench/run.mjs formats it.
import type { LayerSpec } from '../test/host/host-api';
import { startE2EAsync, type E2E } from '../test/support/e2e';
import { bundleForBrowserAsync } from '../test/support/browser-bundle';
import { spread, type Spread } from './spread';

/** A layer of a scenario; `photoSeed` fills it with a photo-like picture of its own size (bench/photo-like.ts). */
export interface BenchLayer extends LayerSpec {
  readonly photoSeed?: number;
}

/** What selection → Generate enabled should take; bench/run.mjs prints the figures beside it. */
export interface ReadyGoal {
  readonly medianMs?: number;
  readonly maxMs: number;
}

export interface Scenario {
  readonly name: string;
  readonly ratio: string;
  readonly prompt: string;
  readonly layers: readonly BenchLayer[];
  readonly readyGoal: ReadyGoal;
}

export interface Segment {
  readonly name: string;
  readonly medianMs: number;
}

export interface ScenarioFigures {
  readonly scenario: Scenario;
  /** Fresh plugin iframes, one per run. */
  readonly runs: number;
  /** Generate click → the panel hears the layer was placed, less the stand-in's own working time. */
  readonly clickToPlacedMs: number;
  readonly clickSegments: readonly Segment[];
  /** Selection → Generate enabled in a fresh iframe: export in the sandbox, then decoding and encoding in the panel. */
  readonly selectToReadyMs: Spread;
  /** The sandbox's exports of that selection, first start to last end. */
  readonly exportMs: Spread;
  /** The end of the last export → Generate enabled. */
  readonly afterExportMs: Spread;
  /** The same layers deselected and selected again in the same iframe: exported again, prepared references reused. */
  readonly reselectToReadyMs: Spread;
}

/** No run of any scenario should take longer than this from selection to Generate enabled. */
export const MAX_READY_MS = 1000;

const SAMPLE = (name: string, file: string, x: number, width: number, height: number): BenchLayer => ({
  name,
  type: 'FRAME',
  x,
  y: 0,
  width,
  height,
  imageUrl: `/samples/${file}.svg`,
});

/**
 * A 4000×3000 frame holding a photo, on the white background Figma gives a new frame: surely opaque, so the sandbox
 * exports it as a 2048×1536 JPEG (src/export-reference.ts). A bare image fill would be a PNG export, which the
 * host's canvas draws and encodes in 0.6–0.8 s a photo on this machine, three of them over the goal on their own:
 * the reference-size figures time the panel's part of that case.
 */
const PHOTO = (name: string, x: number, photoSeed: number): BenchLayer => ({
  name,
  type: 'FRAME',
  x,
  y: 0,
  width: 4000,
  height: 3000,
  fill: '#ffffff',
  photoSeed,
});

const PROMPT = 'photo of @model wearing @cloth, standing in a garden';

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'seed example: 2 references → 1280×720',
    ratio: '1280:720',
    prompt: PROMPT,
    layers: [SAMPLE('model', 'person', 0, 600, 800), SAMPLE('cloth', 'garment', 640, 600, 800)],
    readyGoal: { medianMs: 300, maxMs: 500 },
  },
  {
    name: '3 references → 1920×1080',
    ratio: '1920:1080',
    prompt: PROMPT,
    layers: [
      SAMPLE('model', 'person', 0, 600, 800),
      SAMPLE('cloth', 'garment', 640, 600, 800),
      SAMPLE('product', 'product', 1280, 800, 800),
    ],
    readyGoal: { maxMs: MAX_READY_MS },
  },
  {
    name: '3 large photo references (4000×3000 frames on white: JPG exports) → 1920×1080',
    ratio: '1920:1080',
    prompt: 'photo of @model wearing @cloth, standing in @garden',
    // Different pictures: equal bytes would be prepared once.
    layers: [PHOTO('model', 0, 1), PHOTO('cloth', 4200, 2), PHOTO('garden', 8400, 3)],
    readyGoal: { medianMs: 700, maxMs: MAX_READY_MS },
  },
];

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

/** Clears the selection and waits until the panel shows no card. */
async function deselectAsync(e2e: E2E): Promise<void> {
  await e2e.host('select', []);
  await e2e.plugin.locator('.card').first().waitFor({ state: 'detached' });
}

interface ReadyTimes {
  readonly readyMs: number;
  /** The sandbox's exports, first start to last end. */
  readonly exportMs: number;
  /** From the end of the last export to Generate enabled: the panel's own part that nothing overlaps. */
  readonly afterExportMs: number;
}

/** Selects `ids` and times selection → Generate enabled, with the sandbox's exports (the host's timeline). */
async function selectUntilReadyAsync(e2e: E2E, ids: readonly string[]): Promise<ReadyTimes> {
  const timelineBefore = (await e2e.host('timeline')).length;
  const ready = await readyTimeAsync(e2e);
  // The timeline counts the host page's performance.now(); the ready time is epoch milliseconds.
  const [hostOrigin, selectedAt] = await e2e.page.evaluate(() => [performance.timeOrigin, performance.now()] as const);
  await e2e.host('select', ids);
  const readyAt = (await ready()) - hostOrigin;
  const events = (await e2e.host('timeline')).slice(timelineBefore);
  const starts = events.filter((event) => event.event === 'export-start').map((event) => event.at);
  const ends = events.filter((event) => event.event === 'export').map((event) => event.at);
  if (starts.length === 0 || ends.length === 0) throw new Error('The host recorded no export for the selection');
  return { readyMs: readyAt - selectedAt, exportMs: Math.max(...ends) - Math.min(...starts), afterExportMs: readyAt - Math.max(...ends) };
}

/** The host page's photo-like blob: URLs (bench/photo-url.ts), bundled once per bench. */
let photoScript: Promise<string> | null = null;

async function addLayersAsync(e2e: E2E, layers: readonly BenchLayer[]): Promise<string[]> {
  if (layers.some((layer) => layer.photoSeed !== undefined)) {
    photoScript ??= bundleForBrowserAsync(new URL('./photo-url.ts', import.meta.url));
    await e2e.page.addScriptTag({ content: await photoScript });
  }
  const specs: LayerSpec[] = [];
  for (const { photoSeed, ...spec } of layers) {
    if (photoSeed === undefined) {
      specs.push(spec);
      continue;
    }
    const imageUrl = await e2e.page.evaluate(([w, h, seed]) => window.benchPhotoUrlAsync(w, h, seed), [
      spec.width,
      spec.height,
      photoSeed,
    ] as const);
    specs.push({ ...spec, imageUrl });
  }
  return e2e.addLayersAsync(specs);
}

async function runScenarioAsync(e2e: E2E, scenario: Scenario, runs: number): Promise<ScenarioFigures> {
  await e2e.resetAsync();
  await e2e.openPluginAsync();
  await e2e.saveKeyAsync();
  const ids = await addLayersAsync(e2e, scenario.layers);

  const totals: number[] = [];
  const segments: Record<string, number[]> = {
    'request: build, send, read (client)': [],
    'request: stand-in working (excluded)': [],
    'answer check (panel)': [],
    'placing (sandbox + host)': [],
  };
  const readies: number[] = [];
  const exports: number[] = [];
  const afterExports: number[] = [];
  const reselects: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    // A fresh plugin iframe each run (openPlugin closes the last), opened with nothing selected.
    await e2e.host('select', []);
    await e2e.openPluginAsync();
    await e2e.plugin.getByLabel('Prompt', { exact: true }).fill(scenario.prompt);
    await e2e.plugin.getByLabel('Aspect ratio', { exact: true }).selectOption(scenario.ratio);
    const first = await selectUntilReadyAsync(e2e, ids);
    readies.push(first.readyMs);
    exports.push(first.exportMs);
    afterExports.push(first.afterExportMs);

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

    await deselectAsync(e2e);
    reselects.push((await selectUntilReadyAsync(e2e, ids)).readyMs);
  }
  return {
    scenario,
    runs,
    clickToPlacedMs: spread(totals).median,
    clickSegments: Object.entries(segments).map(([name, values]) => ({ name, medianMs: spread(values).median })),
    selectToReadyMs: spread(readies),
    exportMs: spread(exports),
    afterExportMs: spread(afterExports),
    reselectToReadyMs: spread(reselects),
  };
}

/** Runs every scenario `runs` times, each in a fresh plugin iframe, in one browser, and returns the figures. */
export async function runFlowBenchAsync(runs = 10): Promise<ScenarioFigures[]> {
  const e2e = await startE2EAsync();
  try {
    const figures: ScenarioFigures[] = [];
    for (const scenario of SCENARIOS) figures.push(await runScenarioAsync(e2e, scenario, runs));
    return figures;
  } finally {
    await e2e.close();
  }
}
