import type { Catalog, NodeKind } from './catalog.js';
import { escapeHtml } from './html.js';

export interface LineageNode {
  id: string;
  kind: NodeKind;
  key: string;
}

export interface LineageGraph {
  nodes: LineageNode[];
  /** From the used to the user: category → KLI → segment. */
  edges: { from: string; to: string }[];
}

const nodeId = (kind: NodeKind, key: string) => `${kind}:${key}`;
const inputKinds = new Set<NodeKind>(['category', 'merchant']);

/** Categories and merchants that KLIs read → KLIs → segments, from the catalog's uses. */
export function lineageGraph(catalog: Catalog): LineageGraph {
  const nodes = new Map<string, LineageNode>();
  const edges: LineageGraph['edges'] = [];
  const node = (kind: NodeKind, key: string) => {
    const id = nodeId(kind, key);
    if (!nodes.has(id)) nodes.set(id, { id, kind, key });
    return id;
  };
  for (const entry of [...catalog.klis, ...catalog.segments]) {
    const to = node(entry.kind, entry.key);
    for (const use of entry.uses)
      if (inputKinds.has(use.kind) || use.kind === 'kli') edges.push({ from: node(use.kind, use.key), to });
  }
  return { nodes: [...nodes.values()], edges };
}

/** One declaration with everything upstream and downstream of it. */
export function focusedGraph(graph: LineageGraph, focus: string): LineageGraph {
  const reach = (step: (id: string) => string[]) => {
    const seen = new Set<string>([focus]);
    const stack = [focus];
    while (stack.length)
      for (const next of step(stack.pop()!))
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
    return seen;
  };
  const upstream = reach((id) => graph.edges.filter((e) => e.to === id).map((e) => e.from));
  const downstream = reach((id) => graph.edges.filter((e) => e.from === id).map((e) => e.to));
  const keep = new Set([...upstream, ...downstream]);
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    // Only the chains through the focus: not a sibling's other inputs.
    edges: graph.edges.filter(
      (e) => (upstream.has(e.from) && upstream.has(e.to)) || (downstream.has(e.from) && downstream.has(e.to)),
    ),
  };
}

interface Placed extends LineageNode {
  layer: number;
  x: number;
  y: number;
  width: number;
}

const rowHeight = 26;
const nodeHeight = 20;
const layerGap = 90;
const charWidth = 7.3;
const top = 34;

/**
 * A layered drawing computed here, not by a layout library: longest-path layers (inputs, KLIs by
 * depth, segments last), then a few barycentre sweeps to untangle edges. Deterministic: ties keep
 * the previous order, which starts sorted by name.
 */
export function layout(graph: LineageGraph): { nodes: Placed[]; width: number; height: number } {
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const edge of graph.edges) {
    preds.set(edge.to, [...(preds.get(edge.to) ?? []), edge.from]);
    succs.set(edge.from, [...(succs.get(edge.from) ?? []), edge.to]);
  }
  const layerOf = new Map<string, number>();
  const kliLayer = (id: string, seen: Set<string>): number => {
    const known = layerOf.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 1; // the checker rejects cycles; never loop on one anyway
    seen.add(id);
    const layer =
      1 +
      Math.max(0, ...(preds.get(id) ?? []).filter((p) => p.startsWith('kli:')).map((p) => kliLayer(p, seen)));
    layerOf.set(id, layer);
    return layer;
  };
  for (const node of graph.nodes) {
    if (inputKinds.has(node.kind)) layerOf.set(node.id, 0);
    else if (node.kind === 'kli') kliLayer(node.id, new Set());
  }
  const lastKli = Math.max(
    0,
    ...graph.nodes.filter((n) => n.kind === 'kli').map((n) => layerOf.get(n.id) ?? 1),
  );
  for (const node of graph.nodes) if (node.kind === 'segment') layerOf.set(node.id, lastKli + 1);

  const used = [...new Set(layerOf.values())].sort((a, b) => a - b);
  const layers: LineageNode[][] = used.map((layer) =>
    graph.nodes
      .filter((n) => layerOf.get(n.id) === layer)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const position = new Map<string, number>();
  const remember = () =>
    layers.forEach((layer) => layer.forEach((n, i) => position.set(n.id, (i + 0.5) / layer.length)));
  remember();
  const sweep = (order: number[], neighbours: Map<string, string[]>) => {
    for (const index of order) {
      const layer = layers[index]!;
      const keyed = layer.map((n, i) => {
        const around = (neighbours.get(n.id) ?? []).map((id) => position.get(id) ?? 0);
        const centre = around.length
          ? around.reduce((s, v) => s + v, 0) / around.length
          : position.get(n.id)!;
        return { n, centre, i };
      });
      keyed.sort((a, b) => a.centre - b.centre || a.i - b.i);
      layers[index] = keyed.map((k) => k.n);
      layers[index]!.forEach((n, i) => position.set(n.id, (i + 0.5) / layer.length));
    }
  };
  const indexes = layers.map((_, i) => i);
  for (let round = 0; round < 4; round++) {
    sweep(indexes.slice(1), preds);
    sweep(indexes.slice(0, -1).reverse(), succs);
  }

  // Each node as near the middle of its inputs as the nodes above it in its column allow.
  const placed: Placed[] = [];
  const yOf = new Map<string, number>();
  let x = 10;
  layers.forEach((layer, index) => {
    const width = Math.ceil(Math.max(90, ...layer.map((n) => n.key.length * charWidth + 16)));
    let next = top;
    for (const n of layer) {
      const inputs = (preds.get(n.id) ?? []).map((id) => yOf.get(id)).filter((y) => y !== undefined);
      const wanted = inputs.length ? Math.round(inputs.reduce((s, v) => s + v, 0) / inputs.length) : next;
      const y = Math.max(wanted, next);
      yOf.set(n.id, y);
      placed.push({ ...n, layer: used[index]!, x, y, width });
      next = y + rowHeight;
    }
    x += width + layerGap;
  });
  const height = Math.max(top, ...placed.map((n) => n.y + nodeHeight)) + 10;
  return { nodes: placed, width: x - layerGap + 10, height };
}

const layerTitle = (nodes: Placed[], layer: number) => {
  const kinds = new Set(nodes.filter((n) => n.layer === layer).map((n) => n.kind));
  if (kinds.has('segment')) return 'segments';
  if (kinds.has('kli')) return layer === 1 ? 'KLIs' : `KLIs using KLIs (${layer})`;
  return 'categories, merchants';
};

/** The graph as inline SVG; every node a link to its page. */
export function lineageSvg(graph: LineageGraph, href: (node: LineageNode) => string, focus?: string): string {
  const { nodes, width, height } = layout(graph);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="lineage" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="lineage graph">`,
  );
  const columns = [...new Map(nodes.map((n) => [n.layer, n.x])).entries()];
  for (const [layer, x] of columns)
    out.push(`<text class="layer-title" x="${x}" y="16">${escapeHtml(layerTitle(nodes, layer))}</text>`);
  out.push('<g class="edges">');
  for (const edge of graph.edges) {
    const from = byId.get(edge.from);
    const to = byId.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + from.width;
    const y1 = from.y + nodeHeight / 2;
    const x2 = to.x;
    const y2 = to.y + nodeHeight / 2;
    const bend = (x2 - x1) / 2;
    out.push(`<path d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}"/>`);
  }
  out.push('</g><g class="nodes">');
  for (const node of nodes) {
    const cls = `node node-${node.kind}${node.id === focus ? ' focus' : ''}`;
    out.push(
      `<a href="${escapeHtml(href(node))}" class="${cls}" data-node="${escapeHtml(node.id)}">` +
        `<title>${escapeHtml(`${node.kind} ${node.key}`)}</title>` +
        `<rect x="${node.x}" y="${node.y}" width="${node.width}" height="${nodeHeight}" rx="4"/>` +
        `<text x="${node.x + 8}" y="${node.y + 14}">${escapeHtml(node.key)}</text></a>`,
    );
  }
  out.push('</g></svg>');
  return out.join('\n');
}
