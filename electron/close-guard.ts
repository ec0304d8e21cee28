// Closing a window with unsaved work: whether to ask, what to ask, and what each answer does. Pure, so it is tested without electron.

/** What the shell knows of one window's project, from the renderer's setDocumentState. */
export interface WindowDocument {
  title: string;
  dirty: boolean;
  /** Set once the person has decided (or the renderer has saved): the next close goes through. */
  closing: boolean;
  /** The question is on screen: a second click on the close box must not stack another. */
  asking: boolean;
}

export function newWindowDocument(): WindowDocument {
  return { title: 'PlaceLens', dirty: false, closing: false, asking: false };
}

/** The options for dialog.showMessageBox; the button order is what closeChoice reads back. */
export interface CloseQuestion {
  type: 'question';
  buttons: ['Save', "Don't save", 'Cancel'];
  defaultId: 0;
  cancelId: 2;
  message: string;
  detail: string;
}

export function closeQuestion(title: string): CloseQuestion {
  const name = title.trim() === '' ? 'this project' : title.trim();
  return {
    type: 'question',
    buttons: ['Save', "Don't save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    message: `Save the changes to ${name}?`,
    detail: 'Your changes will be lost if you close without saving.',
  };
}

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** Escape, closing the box, or anything unexpected is Cancel: never lose work on a surprise. */
export function closeChoice(response: number): CloseChoice {
  if (response === 0) return 'save';
  if (response === 1) return 'discard';
  return 'cancel';
}

/** Whether the window's close event must be stopped to ask first. */
export function mustAsk(doc: WindowDocument): boolean {
  return doc.dirty && !doc.closing;
}

export interface CloseActions {
  ask(question: CloseQuestion): Promise<number>;
  /** Tells the renderer to save, then call closeWindow. */
  saveThenClose(): void;
  clearRecovery(): Promise<void>;
  /** Closes the window for real; doc.closing is already set. */
  close(): void;
}

/**
 * Runs after the close event was stopped: asks, then saves-and-closes, discards-and-closes, or stays.
 * Resolves to the choice, for the caller's logs and the tests.
 */
export async function resolveClose(doc: WindowDocument, actions: CloseActions): Promise<CloseChoice | 'already-asking'> {
  if (doc.asking) return 'already-asking';
  doc.asking = true;
  let choice: CloseChoice;
  try {
    choice = closeChoice(await actions.ask(closeQuestion(doc.title)));
  } catch {
    choice = 'cancel';
  } finally {
    doc.asking = false;
  }
  if (choice === 'save') {
    actions.saveThenClose();
  } else if (choice === 'discard') {
    // The person chose to lose the work: do not offer it back at the next start. A failure here must not keep the window open.
    await actions.clearRecovery().catch(() => {});
    doc.closing = true;
    actions.close();
  }
  return choice;
}

/**
 * A quit (Cmd+Q, File › Quit) that a window stopped to ask about unsaved work. Electron gives up a quit when a window's
 * close is prevented, so without this the person answers "Don't save" and the app stays open with no window (macOS)
 * or closes only that window. The quit is taken up again once the window has closed; Cancel ends it.
 */
export class QuitIntent {
  private state: 'none' | 'quitting' | 'interrupted' = 'none';

  /** app 'before-quit'. */
  begin(): void {
    if (this.state === 'none') this.state = 'quitting';
  }

  /** A window stopped its close to ask. */
  interrupted(): void {
    if (this.state === 'quitting') this.state = 'interrupted';
  }

  /** The person's answer: Cancel means they want to stay. */
  answered(choice: CloseChoice | 'already-asking'): void {
    if (choice === 'cancel') this.state = 'none';
  }

  /** After a window has closed for real: true when an interrupted quit should be asked for again (app.quit()). */
  resume(): boolean {
    if (this.state !== 'interrupted') return false;
    this.state = 'quitting';
    return true;
  }
}
