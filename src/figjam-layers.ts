// What FigJam's own layer types mean as references. Every one of them has exportAsync (the typings give all
// scene nodes ExportMixin), so the line drawn here is between content a picture can show and board furniture.

/** FigJam layer types exported as reference images, like Figma design's frames and shapes. */
export const FIGJAM_REFERENCE_TYPES = ['STICKY', 'SHAPE_WITH_TEXT', 'CODE_BLOCK', 'TABLE', 'MEDIA'] as const;

/** FigJam layers that aren't content on their own, and what to select instead. */
const NOT_CONTENT: Readonly<Record<string, string>> = {
  CONNECTOR: 'A connector only links layers: select the shapes it joins instead',
  STAMP: 'A stamp is a reaction, not content: select the layer it is stuck to instead',
  HIGHLIGHT: 'A highlight only marks other layers: select what it marks instead',
  WASHI_TAPE: 'Washi tape is decoration: select the layers it sits on instead',
  WIDGET: 'A widget draws itself live: place a screenshot of it as an image instead',
  EMBED: 'An embed shows a live web page: place a screenshot of it as an image instead',
  LINK_UNFURL: 'A link preview is only a card: place the image it links to instead',
};

/** Why `node`, a FigJam layer, can't be a reference; null when FigJam adds no objection. */
export function figJamSkipReason(node: SceneNode): string | null {
  if (node.type === 'SECTION' && node.sectionContentsHidden) return 'The section’s contents are hidden: show them to use it';
  return NOT_CONTENT[node.type] ?? null;
}
