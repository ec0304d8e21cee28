// The one label font, bundled with the app (@fontsource/noto-sans): MapLibre draws labels from it with no glyph server.
export const LABEL_FONT_NAME = 'Noto Sans';
