/**
 * Generates the test PKI in test-certs/ from test-certs/spec.ts (`npm run test-certs`), with
 * pkijs/asn1js and node:crypto only — no openssl, so any machine with Node can rerun it.
 *
 * Reproducible: keys in test-certs/keys/ are reused (only missing ones are generated), dates
 * and serials come from the spec, RSA PKCS#1 v1.5 signatures are deterministic, and the salts
 * and IVs of the .p12 files come from a counter-seeded SHA-256 stream. Rerunning without
 * deleting keys rewrites identical files.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { writePkcs12 } from '../src/cms/pkcs12/index.js';
import {
  CRL,
  ENTITIES,
  TEST_PASSWORD,
  type AttributeName,
  type EntitySpec,
  type ExtendedKeyUsageName,
  type KeySpec,
  type KeyUsageName,
} from '../test-certs/spec.js';

const DIR = fileURLToPath(new URL('../test-certs/', import.meta.url));
const KEYS = join(DIR, 'keys');

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

const ATTRIBUTE_OIDS: Record<AttributeName, string> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  title: '2.5.4.12',
  CN: '2.5.4.3',
  UID: '0.9.2342.19200300.100.1.1', // RFC 4519 §2.39, where VN CAs put CCCD:/MST: numbers
};

// RFC 5280 §4.2.1.3: bit positions of KeyUsage.
const KEY_USAGE_BITS: Record<KeyUsageName, number> = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
};

const EKU_OIDS: Record<ExtendedKeyUsageName, string> = {
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
};

const REASON_CODES = { keyCompromise: 1, superseded: 4, cessationOfOperation: 5 } as const;

const EXT = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
};

const der = (node: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array =>
  new Uint8Array(node.toBER(false));
const ab = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

function pem(label: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function describeKey(key: KeySpec): string {
  return key.type === 'rsa' ? `RSA ${key.bits}` : `EC ${key.curve}`;
}

/** The pinned key of `spec`, generated and saved only if keys/<name>.key.pem is missing. */
function loadOrCreateKey(spec: EntitySpec): KeyObject {
  const file = join(KEYS, `${spec.name}.key.pem`);
  if (existsSync(file)) {
    const key = createPrivateKey(readFileSync(file));
    const details = key.asymmetricKeyDetails ?? {};
    const matches =
      spec.key.type === 'rsa'
        ? key.asymmetricKeyType === 'rsa' && details.modulusLength === spec.key.bits
        : key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1';
    if (!matches)
      throw new Error(
        `${file} is not a ${describeKey(spec.key)} key as the spec says; delete it to regenerate`,
      );
    return key;
  }
  const { privateKey } =
    spec.key.type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: spec.key.bits, publicExponent: 65537 })
      : generateKeyPairSync('ec', { namedCurve: spec.key.curve });
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  console.log(`generated ${describeKey(spec.key)} key ${file}`);
  return privateKey;
}

/** Name ::= SEQUENCE OF RDN, one attribute per RDN (pkijs would put all in one multi-valued RDN). */
function encodeName(subject: EntitySpec['subject']): pkijs.RelativeDistinguishedNames {
  const rdns = subject.map(([name, value]) => {
    const text = value.normalize('NFC');
    // countryName is PrintableString (X.520); everything else UTF8String (RFC 5280 §4.1.2.4).
    const encoded =
      name === 'C'
        ? new asn1js.PrintableString({ value: text })
        : new asn1js.Utf8String({ value: text });
    return new asn1js.Set({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: ATTRIBUTE_OIDS[name] }), encoded],
        }),
      ],
    });
  });
  return pkijs.RelativeDistinguishedNames.fromBER(ab(der(new asn1js.Sequence({ value: rdns }))));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function time(iso: string): pkijs.Time {
  const value = new Date(iso);
  return new pkijs.Time({
    type: value.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime,
    value,
  });
}

function extension(extnID: string, critical: boolean, value: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: ab(value) });
}

/** KeyUsage as a DER named-bit BIT STRING: no trailing zero bits (X.690 §11.2.2). */
function keyUsageBits(usages: readonly KeyUsageName[]): asn1js.BitString {
  const positions = usages.map((u) => KEY_USAGE_BITS[u]);
  const highest = Math.max(...positions);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const p of positions) bytes[p >> 3] = (bytes[p >> 3] as number) | (0x80 >> (p & 7));
  return new asn1js.BitString({
    valueHex: ab(bytes),
    unusedBits: bytes.length * 8 - (highest + 1),
  });
}

function spkiOf(key: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
function keyIdentifier(key: KeyObject): Uint8Array {
  const info = pkijs.PublicKeyInfo.fromBER(ab(spkiOf(key)));
  return new Uint8Array(
    createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest(),
  );
}

function authorityKeyIdentifier(issuerKey: KeyObject): pkijs.Extension {
  const aki = new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({ valueHex: ab(keyIdentifier(issuerKey)) }),
  });
  return extension(EXT.authorityKeyIdentifier, false, der(aki.toSchema()));
}

function certificateExtensions(
  spec: EntitySpec,
  subjectKey: KeyObject,
  issuerKey: KeyObject,
): pkijs.Extension[] {
  const basic =
    spec.ca === undefined
      ? new pkijs.BasicConstraints({ cA: false })
      : new pkijs.BasicConstraints({
          cA: true,
          ...(spec.ca.pathLen === undefined ? {} : { pathLenConstraint: spec.ca.pathLen }),
        });
  const extensions = [
    // Critical for CAs (RFC 5280 §4.2.1.9); an end entity's cA=FALSE is informative.
    extension(EXT.basicConstraints, spec.ca !== undefined, der(basic.toSchema())),
    extension(EXT.keyUsage, true, der(keyUsageBits(spec.keyUsage))),
  ];
  if (spec.extendedKeyUsage !== undefined) {
    const eku = new pkijs.ExtKeyUsage({
      keyPurposes: spec.extendedKeyUsage.purposes.map((p) => EKU_OIDS[p]),
    });
    extensions.push(
      extension(EXT.extKeyUsage, spec.extendedKeyUsage.critical, der(eku.toSchema())),
    );
  }
  extensions.push(
    extension(
      EXT.subjectKeyIdentifier,
      false,
      der(new asn1js.OctetString({ valueHex: ab(keyIdentifier(subjectKey)) })),
    ),
  );
  extensions.push(authorityKeyIdentifier(issuerKey));
  if (spec.ocspNoCheck === true)
    extensions.push(extension(EXT.ocspNoCheck, false, der(new asn1js.Null())));
  return extensions;
}

function sha256WithRsa(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: SHA256_WITH_RSA,
    algorithmParams: new asn1js.Null(),
  });
}

/** sha256WithRSAEncryption, PKCS#1 v1.5: deterministic, so reruns give identical certificates. */
function signWithIssuer(tbs: Uint8Array, issuerKey: KeyObject): Uint8Array {
  if (issuerKey.asymmetricKeyType !== 'rsa')
    throw new Error('issuers of the test PKI sign with RSA');
  return new Uint8Array(sign('sha256', tbs, issuerKey));
}

function serialInteger(hex: string): asn1js.Integer {
  if (!/^[0-7][0-9a-f]*$/.test(hex) || hex.length % 2 !== 0)
    throw new Error(`serial ${hex} must be even-length hex and positive`);
  return new asn1js.Integer({ valueHex: ab(new Uint8Array(Buffer.from(hex, 'hex'))) });
}

function issueCertificate(
  spec: EntitySpec,
  key: KeyObject,
  issuer: EntitySpec,
  issuerKey: KeyObject,
): Uint8Array {
  const cert = new pkijs.Certificate();
  cert.version = 2; // v3
  cert.serialNumber = serialInteger(spec.serial);
  cert.signature = sha256WithRsa();
  cert.signatureAlgorithm = sha256WithRsa();
  cert.issuer = encodeName(issuer.subject);
  cert.subject = encodeName(spec.subject);
  cert.notBefore = time(spec.notBefore);
  cert.notAfter = time(spec.notAfter);
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(ab(spkiOf(key)));
  cert.extensions = certificateExtensions(spec, key, issuerKey);
  const tbs = der(cert.encodeTBS());
  cert.tbsView = tbs;
  cert.signatureValue = new asn1js.BitString({ valueHex: ab(signWithIssuer(tbs, issuerKey)) });
  return der(cert.toSchema());
}

function issueCrl(
  issuer: EntitySpec,
  issuerKey: KeyObject,
  revoked: readonly EntitySpec[],
): Uint8Array {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1; // v2
  crl.signature = sha256WithRsa();
  crl.signatureAlgorithm = sha256WithRsa();
  crl.issuer = encodeName(issuer.subject);
  crl.thisUpdate = time(CRL.thisUpdate);
  crl.nextUpdate = time(CRL.nextUpdate);
  crl.revokedCertificates = revoked.map((spec) => {
    const revocation = spec.revoked;
    if (revocation === undefined) throw new Error('unreachable');
    const reason = new asn1js.Enumerated({ value: REASON_CODES[revocation.reason] });
    return new pkijs.RevokedCertificate({
      userCertificate: serialInteger(spec.serial),
      revocationDate: time(revocation.date),
      crlEntryExtensions: new pkijs.Extensions({
        extensions: [extension(EXT.reasonCode, false, der(reason))],
      }),
    });
  });
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      authorityKeyIdentifier(issuerKey),
      extension(EXT.cRLNumber, false, der(new asn1js.Integer({ value: CRL.number }))),
    ],
  });
  crl.signatureValue = new asn1js.BitString({ valueHex: new ArrayBuffer(0) });
  const tbsSchema = (crl.toSchema(true) as asn1js.Sequence).valueBlock.value[0];
  if (tbsSchema === undefined) throw new Error('pkijs produced no TBSCertList');
  const tbs = der(tbsSchema);
  const signature = signWithIssuer(tbs, issuerKey);
  return der(
    new asn1js.Sequence({
      value: [
        asn1js.fromBER(ab(tbs)).result,
        sha256WithRsa().toSchema(),
        new asn1js.BitString({ valueHex: ab(signature) }),
      ],
    }),
  );
}

/** Salts and IVs for the .p12 files: SHA-256(label, counter). Reproducible; fine for test keys only. */
function seededRandom(label: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let filled = 0; filled < n; filled += 32) {
      const block = createHash('sha256').update(`hoso test-certs ${label} ${counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, n - filled)), filled);
    }
    return out;
  };
}

function commonName(spec: EntitySpec): string {
  return spec.subject.find(([name]) => name === 'CN')?.[1] ?? spec.name;
}

function subjectText(spec: EntitySpec): string {
  return spec.subject.map(([name, value]) => `${name}=${value}`).join(', ');
}

function main(): void {
  mkdirSync(KEYS, { recursive: true });
  const byName = new Map(ENTITIES.map((e) => [e.name, e]));
  const keys = new Map<string, KeyObject>();
  const certs = new Map<string, Uint8Array>();

  const issue = (spec: EntitySpec): Uint8Array => {
    const done = certs.get(spec.name);
    if (done !== undefined) return done;
    const issuer = byName.get(spec.issuer);
    if (issuer === undefined) throw new Error(`${spec.name}: unknown issuer ${spec.issuer}`);
    if (issuer !== spec && issuer.ca === undefined)
      throw new Error(`${spec.name}: issuer ${issuer.name} is not a CA`);
    if (issuer !== spec) issue(issuer);
    const key = keys.get(spec.name) ?? loadOrCreateKey(spec);
    keys.set(spec.name, key);
    const issuerKey = keys.get(issuer.name) ?? key;
    const certificate = issueCertificate(spec, key, issuer, issuerKey);
    certs.set(spec.name, certificate);
    writeFileSync(join(DIR, `${spec.name}.cert.pem`), pem('CERTIFICATE', certificate));
    return certificate;
  };

  const chainOf = (spec: EntitySpec): Uint8Array[] => {
    const chain: Uint8Array[] = [];
    let current = spec;
    while (current.issuer !== current.name) {
      const issuer = byName.get(current.issuer) as EntitySpec;
      chain.push(certs.get(issuer.name) as Uint8Array);
      current = issuer;
    }
    return chain;
  };

  for (const spec of ENTITIES) issue(spec);

  for (const spec of ENTITIES.filter((e) => e.p12)) {
    const p12 = writePkcs12({
      privateKey: keys.get(spec.name) as KeyObject,
      certificate: certs.get(spec.name) as Uint8Array,
      chain: chainOf(spec),
      password: TEST_PASSWORD,
      friendlyName: commonName(spec),
      random: seededRandom(spec.name),
    });
    writeFileSync(join(DIR, `${spec.name}.p12`), p12);
  }

  const crlIssuer = byName.get(CRL.issuer) as EntitySpec;
  const crl = issueCrl(
    crlIssuer,
    keys.get(crlIssuer.name) as KeyObject,
    ENTITIES.filter((e) => e.revoked !== undefined && e.issuer === CRL.issuer),
  );
  writeFileSync(join(DIR, `${CRL.issuer}.crl`), crl);
  writeFileSync(join(DIR, `${CRL.issuer}.crl.pem`), pem('X509 CRL', crl));

  writeFileSync(join(DIR, 'index.json'), `${JSON.stringify(indexJson(), null, 2)}\n`);
  writeFileSync(join(DIR, 'README.md'), readme());
  console.log(
    `wrote ${ENTITIES.length} certificates, ${ENTITIES.filter((e) => e.p12).length} .p12 files and ${CRL.issuer}.crl to ${DIR}`,
  );
}

function indexJson(): unknown {
  return {
    warning: 'TEST ONLY. NEVER TRUST THESE CERTIFICATES OR KEYS IN PRODUCTION.',
    password: TEST_PASSWORD,
    generatedBy: 'npm run test-certs (scripts/gen-test-certs.ts from test-certs/spec.ts)',
    entities: Object.fromEntries(
      ENTITIES.map((e) => [
        e.name,
        {
          role: e.role,
          purpose: e.purpose,
          subject: subjectText(e),
          issuer: e.issuer,
          key: describeKey(e.key),
          serial: e.serial,
          notBefore: e.notBefore,
          notAfter: e.notAfter,
          keyUsage: e.keyUsage,
          ...(e.extendedKeyUsage === undefined ? {} : { extendedKeyUsage: e.extendedKeyUsage }),
          ...(e.revoked === undefined ? {} : { revoked: e.revoked }),
          files: {
            cert: `${e.name}.cert.pem`,
            key: `keys/${e.name}.key.pem`,
            ...(e.p12 ? { p12: `${e.name}.p12` } : {}),
          },
        },
      ]),
    ),
    crl: {
      issuer: CRL.issuer,
      der: `${CRL.issuer}.crl`,
      pem: `${CRL.issuer}.crl.pem`,
      number: CRL.number,
      thisUpdate: CRL.thisUpdate,
      nextUpdate: CRL.nextUpdate,
      revoked: ENTITIES.filter((e) => e.revoked !== undefined).map((e) => ({
        name: e.name,
        serial: e.serial,
        ...e.revoked,
      })),
    },
  };
}

function readme(): string {
  const rows = ENTITIES.map(
    (e) =>
      `| \`${e.name}\` | ${e.role} | ${commonName(e)} | ${e.issuer === e.name ? '(self)' : `\`${e.issuer}\``} | ${describeKey(e.key)} | ${e.notBefore.slice(0, 10)} → ${e.notAfter.slice(0, 10)} | ${e.purpose} |`,
  );
  return `# test-certs — the hoso test PKI

**TEST ONLY. NEVER TRUST THESE CERTIFICATES IN PRODUCTION.** Every private key is published
right here in \`keys/\`; anyone can sign anything with them. Do not add \`root.cert.pem\` to a
real trust store.

- Password of every \`.p12\` file: **\`${TEST_PASSWORD}\`**
- Regenerate: \`npm run test-certs\` (\`scripts/gen-test-certs.ts\`, reading \`spec.ts\`; pkijs and
  node:crypto, no openssl). Keys in \`keys/\` are reused, so a rerun writes identical files;
  delete a key file to get a new key for that entity.
- Names follow Vietnamese CA practice: UTF8String values with diacritics, \`C=VN\`, and a \`UID\`
  attribute (0.9.2342.19200300.100.1.1) carrying \`CCCD:<number>\` for persons and
  \`MST:<tax code>\` for organisations. The numbers are made up.
- Every certificate is signed with sha256WithRSAEncryption and has SKI, AKI, basicConstraints
  (critical for CAs) and a critical keyUsage; no CRL distribution point or AIA (tests run offline).
- \`intermediate.crl\` (DER) and \`intermediate.crl.pem\`: CRL of the issuing CA, thisUpdate
  ${CRL.thisUpdate.slice(0, 10)}, nextUpdate ${CRL.nextUpdate.slice(0, 10)}, listing \`revoked\`.
- \`index.json\` maps every name to its files, role, subject, serial, dates and usages.
- Known oddities, on purpose: \`expired\` (2020–2022) predates its issuer (from 2025), and
  \`not-yet-valid\` (2040–2045) outlives it (to 2040); validation at any time fails on validity.

| name | role | CN | issuer | key | valid | what it is for |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Files per name: \`<name>.cert.pem\`, \`keys/<name>.key.pem\` (PKCS#8), and \`<name>.p12\` (key,
certificate and the chain up to the root; PBES2 AES-256-CBC, HMAC-SHA256 MAC) for every entity
that is not a CA.
`;
}

main();
