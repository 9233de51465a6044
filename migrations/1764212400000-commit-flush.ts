import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './support/rls';

export class CommitFlush1764212400000 implements MigrationInterface {
  name = 'CommitFlush1764212400000';

  async up(db: QueryRunner): Promise<void> {
    // Its value means nothing: setting it is the cheapest statement that both takes a
    // transaction id and writes to the log, so its transaction's synchronous commit flushes the
    // log (see releaseLocksBeforeFlush in src/database/sql.ts). Sequences are not transactional
    // and hold no lock past the statement, so concurrent requests do not queue on it.
    await db.query('create sequence commit_flush');
    await db.query(`grant update on sequence commit_flush to ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('drop sequence commit_flush');
  }
}
