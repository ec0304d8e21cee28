// The words behind spend_line_rows' coded columns (see CODED_LINE_COLUMNS): each distinct supplier, purpose or code
// stored once in spend_texts, and lines hold its number.

import type { Database, Statement } from 'sql.js';

export class SpendTexts {
  private ids = new Map<string, number>();
  private db: Database | null = null;
  private insert: Statement | null = null;

  constructor(private readonly current: () => Database) {}

  private sync(): Database {
    const db = this.current();
    if (db !== this.db) {
      this.forget();
      const stmt = db.prepare('SELECT id, text FROM spend_texts');
      try {
        while (stmt.step()) {
          const [id, text] = stmt.get() as [number, string];
          this.ids.set(text, id);
        }
      } finally {
        stmt.free();
      }
      this.db = db;
    }
    return db;
  }

  /** The number of a word, stored now if it is new (inside the caller's transaction, so a rollback takes it back). */
  id(text: string): number {
    const db = this.sync();
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    this.insert ??= db.prepare('INSERT INTO spend_texts(text) VALUES (?) RETURNING id');
    this.insert.bind([text]);
    this.insert.step();
    const id = this.insert.get()[0] as number;
    this.insert.reset();
    this.ids.set(text, id);
    return id;
  }

  idOrNull(text: string | null): number | null {
    return text === null ? null : this.id(text);
  }

  /**
   * Forgets what it knew: after a rollback (the words it stored in it are gone) or when another database becomes
   * the project's. The next word asked for reads the table again.
   */
  forget(): void {
    this.insert?.free();
    this.insert = null;
    this.ids = new Map();
    this.db = null;
  }
}
