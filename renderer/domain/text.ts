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
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
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
