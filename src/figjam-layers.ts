// What FigJam's own layer types mean as references. Every one of them has exportAsync (the typings give all
// scene nodes ExportMixin), so the line drawn here is between content a picture can show and board furniture.
import type { SkipCode } from '../core/skip-reasons';

/** FigJam layer types exported as reference images, like Figma design's frames and shapes. */
export const FIGJAM_REFERENCE_TYPES = ['STICKY', 'SHAPE_WITH_TEXT', 'CODE_BLOCK', 'TABLE', 'MEDIA'] as const;

/** FigJam layers that aren't content on their own: the panel says what to select instead. */
const NOT_CONTENT: Readonly<Record<string, SkipCode>> = {
  CONNECTOR: 'connector',
  STAMP: 'stamp',
  HIGHLIGHT: 'highlight',
  WASHI_TAPE: 'washi-tape',
  WIDGET: 'widget',
  EMBED: 'embed',
  LINK_UNFURL: 'link-unfurl',
};

/** Why `node`, a FigJam layer, can't be a reference; null when FigJam adds no objection. */
export function figJamSkipCode(node: SceneNode): SkipCode | null {
  if (node.type === 'SECTION' && node.sectionContentsHidden) return 'section-hidden';
  return NOT_CONTENT[node.type] ?? null;
}
