// Peer for bench/sign: @signpdf/signpdf 3 with its plain placeholder and P12 signer, as its README shows.
import { readFileSync, writeFileSync } from 'node:fs';
import signpdfModule from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';

const [input, output, p12, password] = process.argv.slice(2);
const signpdf = signpdfModule.default ?? signpdfModule;
const pdf = plainAddPlaceholder({
  pdfBuffer: readFileSync(input),
  reason: 'bench',
  contactInfo: '',
  name: 'bench',
  location: '',
});
const signer = new P12Signer(readFileSync(p12), { passphrase: password });
writeFileSync(output, await signpdf.sign(pdf, signer));
