/**
 * The page tree (ISO 32000-1 §7.7.3): pages in document order, and attributes a page inherits
 * from its ancestors (§7.7.3.4, Table 30: /Resources, /MediaBox, /CropBox, /Rotate).
 *
 * Both walks are cycle-safe: a /Kids entry that points back up the tree, or a /Parent loop, is
 * visited once, never followed round. A kid that is a direct dictionary (which §7.7.3.2 forbids)
 * is skipped, since a page must be identified by its reference.
 */
import { PdfDict, PdfRef, type PdfObject } from './objects.js';

export interface ObjectResolver {
  resolve(obj: PdfObject | undefined): PdfObject | undefined;
}

export interface PageEntry {
  readonly ref: PdfRef;
  readonly dict: PdfDict;
}

export type InheritableAttribute = 'Resources' | 'MediaBox' | 'CropBox' | 'Rotate';

/** More nodes than this is an attack or a loop we failed to see. */
const MAX_NODES = 10_000_000;
const MAX_PARENT_DEPTH = 1024;

export function listPages(resolver: ObjectResolver, root: PdfObject | undefined): PageEntry[] {
  const pages: PageEntry[] = [];
  const seen = new Set<string>();
  const stack: PdfObject[] = [root ?? null];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const node = stack.pop()!;
    if (!(node instanceof PdfRef)) continue;
    const key = `${node.num} ${node.gen}`;
    if (seen.has(key)) continue;
    seen.add(key);
    visited++;
    const dict = resolver.resolve(node);
    if (!(dict instanceof PdfDict)) continue;
    const kids = resolver.resolve(dict.get('Kids'));
    const type = dict.getName('Type');
    if (type === 'Pages' || (type !== 'Page' && Array.isArray(kids))) {
      if (Array.isArray(kids)) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    } else {
      pages.push({ ref: node, dict });
    }
  }
  return pages;
}

/** The value of `key` on the page or its nearest ancestor that has it, resolved. */
export function inheritedAttribute(
  resolver: ObjectResolver,
  page: PdfDict,
  key: InheritableAttribute,
): PdfObject | undefined {
  const seen = new Set<PdfDict>();
  let node: PdfDict | undefined = page;
  for (let depth = 0; node !== undefined && depth < MAX_PARENT_DEPTH && !seen.has(node); depth++) {
    seen.add(node);
    const v = node.get(key);
    if (v !== undefined) return resolver.resolve(v);
    const parent = resolver.resolve(node.get('Parent'));
    node = parent instanceof PdfDict ? parent : undefined;
  }
  return undefined;
}
