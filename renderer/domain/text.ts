// Bytes to text as councils' files arrive: UTF-8 with or without a BOM, or Windows-1252 (where £ is byte 0xA3).

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'windows-1252';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
