// What the host saw happen, kept for window.host: the timeline for the benchmark, toasts, refused requests and
// messages, and errors thrown by the plugin's code.
import type { Toast } from '../host-api';

export interface TimelineEntry {
  readonly event: string;
  readonly at: number;
  readonly detail?: string;
}

export class Recorder {
  readonly timeline: TimelineEntry[] = [];
  readonly toasts: Toast[] = [];
  readonly blockedRequests: string[] = [];
  readonly rejectedMessages: string[] = [];
  readonly errors: string[] = [];
  undoSteps = 0;

  /** Notes `event` at the current performance.now(). */
  mark(event: string, detail?: string): void {
    const at = performance.now();
    this.timeline.push(detail === undefined ? { event, at } : { event, at, detail });
  }

  /** Keeps an error thrown by plugin code and shows it in the console, as Figma's console would. */
  error(where: string, error: unknown): void {
    const message = `${where}: ${error instanceof Error ? error.message : String(error)}`;
    this.errors.push(message);
    console.error(`[plugin] ${message}`, error);
  }
}
