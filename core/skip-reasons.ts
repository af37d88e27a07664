// Why a selected layer can't be a reference. The sandbox sends the fact as a code (and the layer type or size it
// needs); the panel words it: the sentences live with the panel, not in the sandbox's bundle.

export type SkipCode =
  | 'slice'
  | 'generating'
  | 'interrupted'
  | 'section-hidden'
  | 'connector'
  | 'stamp'
  | 'highlight'
  | 'washi-tape'
  | 'widget'
  | 'embed'
  | 'link-unfurl'
  | 'not-exportable'
  | 'hidden'
  | 'hidden-parent'
  | 'no-area'
  | 'transparent';

/** A reason: its code, and for 'not-exportable' the layer type ("Slide"), for 'no-area' its size ("120 × 0"). */
export interface SkipReason {
  readonly code: SkipCode;
  readonly detail?: string;
}

const TEXTS: Readonly<Record<SkipCode, (detail: string) => string>> = {
  slice: () => 'A slice: select the layers under it',
  generating: () => 'A placeholder still being generated',
  interrupted: () => 'An interrupted placeholder: click Iterate to retry',
  'section-hidden': () => 'Section contents hidden: show them',
  connector: () => 'A connector: select the shapes it joins',
  stamp: () => 'A stamp: select the layer it is on',
  highlight: () => 'A highlight: select what it marks',
  'washi-tape': () => 'Washi tape: select the layers under it',
  widget: () => 'A widget: use a screenshot of it',
  embed: () => 'An embed: use a screenshot of it',
  'link-unfurl': () => 'A link preview: use the image it links to',
  'not-exportable': (type) => `${type} layers can't be exported as images`,
  hidden: () => 'Hidden: show the layer to use it',
  'hidden-parent': () => 'Inside a hidden layer: show it to use this one',
  'no-area': (size) => `Has no area to export (${size})`,
  transparent: () => 'Fully transparent (opacity 0%)',
};

/** The words for `reason`; an unknown code (a newer sandbox) reads as not usable, never as nothing. */
export function skipReasonText(reason: SkipReason): string {
  const text = Object.prototype.hasOwnProperty.call(TEXTS, reason.code) ? TEXTS[reason.code] : undefined;
  return text ? text(reason.detail ?? '') : "This layer can't be used as a reference";
}
