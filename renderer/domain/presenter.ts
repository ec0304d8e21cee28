// The presenter view's two windows talk over a BroadcastChannel: the facilitator's window leads, the audience's
// window follows. Messages are checked on arrival, since any page of the same origin could post on the channel.

export type AudienceMessage =
  /** The audience window has started and asks for the project. */
  | { type: 'ready' }
  /** The project (GeoPackage bytes) and the slide to show first. */
  | { type: 'project'; name: string; bytes: Uint8Array; index: number }
  | { type: 'slide'; index: number }
  /** The presentation is over: the audience window says so and stops following. */
  | { type: 'end' }
  /** The audience window was closed. */
  | { type: 'closed' };

/** The channel a presentation's two windows share. */
export function audienceChannelName(id: string): string {
  return `placelens-audience-${id}`;
}

/** A fresh channel id: lowercase letters and digits, as the desktop shell accepts. */
export function newAudienceId(random: () => number = Math.random): string {
  let id = '';
  while (id.length < 16) id += Math.floor(random() * 36).toString(36);
  return id;
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 10_000;

/** The message if it is one of ours and well formed, else null (ignored). */
export function readAudienceMessage(data: unknown): AudienceMessage | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'end':
    case 'closed':
      return { type: m.type };
    case 'slide':
      return isIndex(m.index) ? { type: 'slide', index: m.index } : null;
    case 'project':
      return typeof m.name === 'string' && m.bytes instanceof Uint8Array && isIndex(m.index) ? { type: 'project', name: m.name, bytes: m.bytes, index: m.index } : null;
    default:
      return null;
  }
}

/** "12:05" from milliseconds: the presenter's timer. Hours show once a workshop runs past one. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
