/**
 * SafeContents and SafeBags (RFC 7292 §4.2): the list of keys and certificates inside one
 * safe, with their attributes. Bags we have no use for (crlBag, secretBag, unknown types) are
 * skipped, as RFC 7292 §4.2 lets a reader do.
 */
import type * as asn1js from 'asn1js';
import {
  type AlgorithmIdentifier,
  algorithmOf,
  decodeBer,
  encodingOf,
  explicitInner,
  malformed,
  octetsOf,
  oidOf,
  sequenceItems,
  setItems,
  stringOf,
} from './der-reading.js';
import { MAX_BAG_NESTING } from './limits.js';
import { OID } from './object-identifiers.js';

/** The PKCS#9 attributes PKCS#12 uses (RFC 7292 §4.2, RFC 2985 §5.5.1 and §5.5.2). */
export interface BagAttributes {
  readonly friendlyName?: string;
  readonly localKeyId?: Uint8Array;
}

export type SafeBag =
  | {
      readonly kind: 'key';
      readonly privateKeyInfo: Uint8Array;
      readonly attributes: BagAttributes;
    }
  | {
      readonly kind: 'shrouded-key';
      readonly algorithm: AlgorithmIdentifier;
      readonly encryptedData: Uint8Array;
      readonly attributes: BagAttributes;
    }
  | { readonly kind: 'certificate'; readonly der: Uint8Array; readonly attributes: BagAttributes };

function parseAttributes(node: asn1js.AsnType | undefined, what: string): BagAttributes {
  if (node === undefined) return {};
  let friendlyName: string | undefined;
  let localKeyId: Uint8Array | undefined;
  for (const attribute of setItems(node, `${what} bagAttributes`)) {
    const [idNode, valuesNode] = sequenceItems(attribute, `${what} attribute`, 2);
    const id = oidOf(idNode, `${what} attribute type`);
    const first = setItems(valuesNode, `${what} attribute values`)[0];
    if (id === OID.friendlyName && first !== undefined)
      friendlyName = stringOf(first, `${what} friendlyName`);
    if (id === OID.localKeyId && first !== undefined)
      localKeyId = octetsOf(first, `${what} localKeyId`);
  }
  return {
    ...(friendlyName === undefined ? {} : { friendlyName }),
    ...(localKeyId === undefined ? {} : { localKeyId }),
  };
}

/** Parses SafeContents ::= SEQUENCE OF SafeBag, descending into safeContentsBags. */
export function parseSafeContents(bytes: Uint8Array, what: string, depth = 0): SafeBag[] {
  if (depth > MAX_BAG_NESTING)
    throw malformed(`${what}: safeContentsBags nested deeper than ${MAX_BAG_NESTING}`);
  const bags: SafeBag[] = [];
  sequenceItems(decodeBer(bytes, what), what).forEach((bagNode, index) => {
    const where = `${what}, bag ${index + 1}`;
    const [idNode, valueNode, attributesNode] = sequenceItems(bagNode, where, 2);
    const bagId = oidOf(idNode, `${where} type`);
    const value = explicitInner(valueNode, 0, `${where} value`);
    const attributes = parseAttributes(attributesNode, where);
    switch (bagId) {
      case OID.keyBag:
        // KeyBag ::= PrivateKeyInfo (RFC 5208); keep its encoding for node:crypto.
        bags.push({ kind: 'key', privateKeyInfo: encodingOf(value), attributes });
        break;
      case OID.pkcs8ShroudedKeyBag: {
        // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
        const [algNode, dataNode] = sequenceItems(value, `${where} EncryptedPrivateKeyInfo`, 2);
        bags.push({
          kind: 'shrouded-key',
          algorithm: algorithmOf(algNode, `${where} encryptionAlgorithm`),
          encryptedData: octetsOf(dataNode, `${where} encryptedData`),
          attributes,
        });
        break;
      }
      case OID.certBag: {
        // CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT OCTET STRING }
        const [certIdNode, certValueNode] = sequenceItems(value, `${where} CertBag`, 2);
        if (oidOf(certIdNode, `${where} certId`) !== OID.x509Certificate) break; // SDSI certificates
        bags.push({
          kind: 'certificate',
          der: octetsOf(
            explicitInner(certValueNode, 0, `${where} certValue`),
            `${where} certificate`,
          ),
          attributes,
        });
        break;
      }
      case OID.safeContentsBag:
        bags.push(...parseSafeContents(encodingOf(value), `${where} (nested)`, depth + 1));
        break;
      default:
        break;
    }
  });
  return bags;
}
