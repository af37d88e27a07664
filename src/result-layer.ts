// Makes the empty layer a generated image is placed on, as the editor the plugin runs in shapes its images.
import { placeBeside } from '../core/layout';
import type { Rect, Size } from '../core/layout';
import { pageObstacles } from './figma-nodes';

/** The layer a generated image fills: a frame in Figma design, a rectangle in FigJam. */
export type ResultLayer = FrameNode | RectangleNode;

/** A new, empty layer on the current page for a generated image in `editorType`. */
export function createResultLayer(editorType: PluginAPI['editorType']): ResultLayer {
  // FigJam has no frame tool (its containers are sections), so a frame there is an object its tools don't edit;
  // a rectangle with an image fill is a plain shape on the board, moved and resized like any other.
  return editorType === 'figjam' ? figma.createRectangle() : figma.createFrame();
}

/** An image fill that covers the layer, as every result has. */
export function imageFill(imageHash: string): ImagePaint {
  return { type: 'IMAGE', scaleMode: 'FILL', imageHash };
}

/** A new `size` layer on the current page at `position`, filled with `fill` and named `name`; nothing is left on the canvas when a step fails. */
export function placeImageLayer(
  size: { readonly width: number; readonly height: number },
  position: { readonly x: number; readonly y: number },
  fill: Paint,
  name: string,
): ResultLayer {
  const layer = createResultLayer(figma.editorType);
  try {
    layer.resize(size.width, size.height);
    layer.fills = [fill];
    layer.name = name;
    layer.x = position.x;
    layer.y = position.y;
    figma.currentPage.appendChild(layer);
  } catch (error) {
    layer.remove();
    throw error;
  }
  return layer;
}

/** A new `size` layer named `name` showing image `hash`, at the free spot nearest `anchor` (else the view's centre). */
export function placeImageBeside(size: Size, anchor: Rect | null, hash: string, name: string): ResultLayer {
  const position = placeBeside(size, anchor, figma.viewport.center, pageObstacles(figma.currentPage));
  return placeImageLayer(size, position, imageFill(hash), name);
}
