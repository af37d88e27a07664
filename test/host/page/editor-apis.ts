// Which editor the plugin runs in, and what that takes away from the `figma` global. Each editor leaves out the
// other's APIs, and reading one throws a TypeError, as Figma's does in FigJam:
// `figma.createPage no such property 'createPage' on the figma global object`.

export type EditorType = 'figma' | 'figjam';

/** Figma design only: plugin-api.d.ts marks these "only available in Figma Design"; FigJam has one page. */
const DESIGN_ONLY = [
  'createPage',
  'createComponent',
  'createComponentFromNode',
  'combineAsVariants',
  'createPaintStyle',
  'createTextStyle',
  'createEffectStyle',
  'createGridStyle',
] as const;

/** FigJam only: plugin-api.d.ts marks these "only available in FigJam". */
const FIGJAM_ONLY = [
  'createSticky',
  'createConnector',
  'createShapeWithText',
  'createCodeBlock',
  'createTable',
  'createGif',
  'createLinkPreviewAsync',
  'timer',
  'activeUsers',
] as const;

/** The names the `figma` global lacks in `editorType`. */
export function absentApis(editorType: EditorType): readonly string[] {
  return editorType === 'figjam' ? DESIGN_ONLY : FIGJAM_ONLY;
}

/** Makes reading another editor's API from `api` throw Figma's TypeError; returns `api`. */
export function withoutOtherEditorApis<T extends object>(api: T, editorType: EditorType): T {
  for (const name of absentApis(editorType)) {
    Object.defineProperty(api, name, {
      get() {
        throw new TypeError(`figma.${name} no such property '${name}' on the figma global object`);
      },
    });
  }
  return api;
}

/** Why the manifest's `editorType` keeps the plugin out of `editorType`, or null when it may run there. */
export function editorRefusal(listed: readonly string[], editorType: EditorType): string | null {
  if (listed.includes(editorType)) return null;
  const editor = editorType === 'figjam' ? 'FigJam' : 'Figma design';
  return `${editor} doesn't offer this plugin: manifest.json's editorType is ${JSON.stringify(listed)}, without "${editorType}"`;
}
