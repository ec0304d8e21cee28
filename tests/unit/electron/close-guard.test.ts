import { describe, expect, it } from 'vitest';
import { QuitIntent, closeChoice, closeQuestion, mustAsk, newWindowDocument, resolveClose, type CloseActions, type WindowDocument } from '../../../electron/close-guard';

/** Records what resolveClose did, answering the question with the given button. */
function actions(response: number | Error) {
  const done: string[] = [];
  const asked: string[] = [];
  const act: CloseActions = {
    ask: async (q) => {
      asked.push(q.message);
      if (response instanceof Error) throw response;
      return response;
    },
    saveThenClose: () => void done.push('save-then-close'),
    clearRecovery: async () => void done.push('clear-recovery'),
    close: () => void done.push('close'),
  };
  return { act, done, asked };
}

const dirty = (title = 'Kilburn spend.gpkg'): WindowDocument => ({ ...newWindowDocument(), title, dirty: true });

describe('closeQuestion', () => {
  it('asks Save / Don\'t save / Cancel, Save by default, Escape cancels', () => {
    expect(closeQuestion('Kilburn spend.gpkg')).toEqual({
      type: 'question',
      buttons: ['Save', "Don't save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      message: 'Save the changes to Kilburn spend.gpkg?',
      detail: 'Your changes will be lost if you close without saving.',
    });
    expect(closeQuestion('  ').message).toBe('Save the changes to this project?');
  });
  it('reads the answer back by button, anything unexpected being Cancel', () => {
    expect([0, 1, 2, 3, -1].map(closeChoice)).toEqual(['save', 'discard', 'cancel', 'cancel', 'cancel']);
  });
});

describe('mustAsk', () => {
  it('asks only when there is unsaved work and the person has not already decided', () => {
    expect(mustAsk(newWindowDocument())).toBe(false);
    expect(mustAsk(dirty())).toBe(true);
    expect(mustAsk({ ...dirty(), closing: true })).toBe(false);
  });
});

describe('resolveClose', () => {
  it('Save: tells the renderer to save then close, and keeps the window until it has', async () => {
    const doc = dirty();
    const { act, done, asked } = actions(0);
    expect(await resolveClose(doc, act)).toBe('save');
    expect(asked).toEqual(['Save the changes to Kilburn spend.gpkg?']);
    expect(done).toEqual(['save-then-close']);
    expect(doc.closing).toBe(false);
  });
  it('Don\'t save: clears the recovery copy, then closes for real so the next close event is not stopped', async () => {
    const doc = dirty();
    const { act, done } = actions(1);
    expect(await resolveClose(doc, act)).toBe('discard');
    expect(done).toEqual(['clear-recovery', 'close']);
    expect(mustAsk(doc)).toBe(false);
  });
  it('Don\'t save closes even when the recovery copy cannot be cleared', async () => {
    const doc = dirty();
    const { act, done } = actions(1);
    act.clearRecovery = () => Promise.reject(new Error('EACCES'));
    expect(await resolveClose(doc, act)).toBe('discard');
    expect(done).toEqual(['close']);
  });
  it('Cancel, or a dialog that failed: nothing happens and the next close asks again', async () => {
    for (const response of [2, new Error('no dialog')]) {
      const doc = dirty();
      const { act, done } = actions(response);
      expect(await resolveClose(doc, act)).toBe('cancel');
      expect(done).toEqual([]);
      expect(mustAsk(doc)).toBe(true);
      expect(doc.asking).toBe(false);
    }
  });
  it('a second close while the question is up does not ask twice', async () => {
    const doc = dirty();
    let answer: (n: number) => void = () => {};
    const { act, done } = actions(0);
    let asks = 0;
    act.ask = () => (asks++, new Promise<number>((r) => (answer = r)));
    const first = resolveClose(doc, act);
    expect(await resolveClose(doc, act)).toBe('already-asking');
    answer(1);
    expect(await first).toBe('discard');
    expect(asks).toBe(1);
    expect(done).toEqual(['clear-recovery', 'close']);
  });
});

describe('QuitIntent', () => {
  it('takes up a quit again after the window it stopped to ask about has closed', () => {
    const q = new QuitIntent();
    q.begin();
    q.interrupted();
    q.answered('discard');
    expect(q.resume()).toBe(true);
    // Once: the next window to close without asking is part of the same quit, not a new one.
    expect(q.resume()).toBe(false);
  });

  it('ends the quit on Cancel, and never quits for a window closed without a quit under way', () => {
    const q = new QuitIntent();
    q.interrupted();
    expect(q.resume()).toBe(false);
    q.begin();
    q.interrupted();
    q.answered('cancel');
    expect(q.resume()).toBe(false);
    // A quit with nothing to ask about needs no help.
    q.begin();
    expect(q.resume()).toBe(false);
  });
});

