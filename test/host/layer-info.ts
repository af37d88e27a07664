// A LayerInfo (what the host page reports of a layer) for tests of the page's pure modules: a 100×100 top-level
// frame on page p1 with nothing in it, and `fields` over that.
import type { LayerInfo } from './host-api';

export function layerInfo(id: string, fields: Partial<LayerInfo> = {}): LayerInfo {
  return {
    id,
    name: id,
    type: 'FRAME',
    x: 0,
    y: 0,
    width: 100,
    height: 100,
    parentId: null,
    pageId: 'p1',
    fills: [],
    pluginData: {},
    relaunchData: {},
    ...fields,
  };
}
