// The words behind spend_line_rows' coded columns (see CODED_LINE_COLUMNS): each distinct supplier, purpose or code
// stored once in spend_texts, and lines hold its number.

import type { Database, SqlJsStatic } from 'sql.js';
import { RowInserter } from './row-inserter';

export class SpendTexts {
  private ids = new Map<string, number>();
  private db: Database | null = null;
  private insert: RowInserter | null = null;
  /** The number the next new word gets: one past the highest, as SQLite would give it. */
  private next = 1;

  constructor(private readonly current: () => Database, private readonly SQL: () => SqlJsStatic) {}

  private sync(): Database {
    const db = this.current();
    if (db !== this.db) {
      this.forget();
      const stmt = db.prepare('SELECT id, text FROM spend_texts');
      try {
        this.next = 1;
        while (stmt.step()) {
          const [id, text] = stmt.get() as [number, string];
          this.ids.set(text, id);
          if (id >= this.next) this.next = id + 1;
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
    // Numbered here and bound directly: an import's first lines bring thousands of new words (a supplier each), and
    // sql.js's own statement calls cost about 15 µs a word before its code is warm.
    const id = this.next++;
    this.insert ??= new RowInserter(this.SQL(), db, 'INSERT INTO spend_texts(id, text) VALUES (?, ?)');
    this.insert.int(1, id);
    this.insert.text(2, text);
    this.insert.insert();
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
