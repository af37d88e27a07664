// The playground's sample layers (?samples=1): four frames with image fills drawn from the project's own SVGs,
// in a row like references a designer would lay out.
import type { LayerSpec } from '../host-api';

export const SAMPLE_LAYERS: readonly LayerSpec[] = [
  { name: 'Model', x: 0, y: 0, width: 300, height: 400, imageUrl: '/samples/person.svg' },
  { name: 'Jacket', x: 360, y: 0, width: 300, height: 400, imageUrl: '/samples/garment.svg' },
  { name: 'Living room', x: 720, y: 40, width: 480, height: 320, imageUrl: '/samples/room.svg' },
  { name: 'Mug', x: 1260, y: 40, width: 320, height: 320, imageUrl: '/samples/product.svg' },
];
