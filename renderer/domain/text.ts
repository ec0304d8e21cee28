// Bytes to text as councils' files arrive: UTF-8 with or without a BOM, or Windows-1252 (where £ is byte 0xA3).

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  // Excel's "Unicode text" export is UTF-16 with a byte-order mark.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: textDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the WHATWG Encoding Standard's index): curly quotes, dashes, the
 * euro sign. Five bytes have none and stand for the C1 control of the same number, as in Latin-1.
 */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * A decoder for one of the encodings files arrive in. Windows-1252 is decoded as the standard says everywhere:
 * Node's TextDecoder (20, and the command line with it) reads it as Latin-1, so a file's ’ (byte 0x92) came out as
 * the control character U+0092 there while the app's Chromium gave ’.
 */
export function textDecoder(encoding: string, options?: { ignoreBOM?: boolean }): { decode(bytes: Uint8Array): string } {
  const decoder = new TextDecoder(encoding, options);
  if (encoding !== 'windows-1252') return decoder;
  return { decode: (bytes) => decoder.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!) };
}

/**
 * A file's text as decodeText gives it, in two parts: `head`, the text's start, at once, and `whole()`, all of it,
 * decoded when first asked for. A reading can start on the head while the rest waits: decoding a 90 MB file whole
 * before the first row was read held an import's first lines back by a tenth of a second.
 */
export interface TextInParts {
  /** The whole text's first characters (all of them when the file is small). */
  head: string;
  /** Whether the head is the whole text. */
  headIsWhole: boolean;
  /** The file's length in bytes: how far along a reading is, before the whole is decoded. */
  bytes: number;
  whole(): DecodedText;
}

export function decodeInParts(bytes: Uint8Array, headBytes = 4 << 20): TextInParts {
  // A head of plain ASCII (no byte-order mark, nothing above 0x7F) reads the same in every encoding decodeText may
  // choose for the whole, so it can be read before the whole is decoded; any other head waits for the whole. Strict
  // UTF-8 (a BOM kept as a character) gives one character a byte only when every byte is ASCII.
  let head: string | null = null;
  if (bytes.length > headBytes) {
    try {
      head = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, headBytes));
    } catch {
      // Not UTF-8 that far (or cut inside a character): not ASCII either.
    }
    if (head !== null && head.length !== headBytes) head = null;
  }
  if (head === null) {
    const decoded = decodeText(bytes);
    return { head: decoded.text, headIsWhole: true, bytes: bytes.length, whole: () => decoded };
  }
  let whole: DecodedText | null = null;
  return { head, headIsWhole: false, bytes: bytes.length, whole: () => (whole ??= decodeText(bytes)) };
}
