// What FigJam's own layer types mean as references. Every one of them has exportAsync (the typings give all
// scene nodes ExportMixin), so the line drawn here is between content a picture can show and board furniture.

/** FigJam layer types exported as reference images, like Figma design's frames and shapes. */
export const FIGJAM_REFERENCE_TYPES = ['STICKY', 'SHAPE_WITH_TEXT', 'CODE_BLOCK', 'TABLE', 'MEDIA'] as const;

/** FigJam layers that aren't content on their own, and what to select instead. */
const NOT_CONTENT: Readonly<Record<string, string>> = {
  CONNECTOR: 'A connector: select the shapes it joins',
  STAMP: 'A stamp: select the layer it is on',
  HIGHLIGHT: 'A highlight: select what it marks',
  WASHI_TAPE: 'Washi tape: select the layers under it',
  WIDGET: 'A widget: use a screenshot of it',
  EMBED: 'An embed: use a screenshot of it',
  LINK_UNFURL: 'A link preview: use the image it links to',
};

/** Why `node`, a FigJam layer, can't be a reference; null when FigJam adds no objection. */
export function figJamSkipReason(node: SceneNode): string | null {
  if (node.type === 'SECTION' && node.sectionContentsHidden) return 'Section contents hidden: show them';
  return NOT_CONTENT[node.type] ?? null;
}
