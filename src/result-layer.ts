// Makes the empty layer a generated image is placed on, as the editor the plugin runs in shapes its images.

/** The layer a generated image fills: a frame in Figma design, a rectangle in FigJam. */
export type ResultLayer = FrameNode | RectangleNode;

/** A new, empty layer on the current page for a generated image in `editorType`. */
export function createResultLayer(editorType: PluginAPI['editorType']): ResultLayer {
  // FigJam has no frame tool (its containers are sections), so a frame there is an object its tools don't edit;
  // a rectangle with an image fill is a plain shape on the board, moved and resized like any other.
  return editorType === 'figjam' ? figma.createRectangle() : figma.createFrame();
}
