import { Injectable } from '@nestjs/common';
import { Sessions } from '../database/sessions';

/**
 * Tells this process's relay that events were committed, so it delivers them at once instead
 * of at its next poll. Every writer of the outbox calls `written()` in the transaction that
 * wrote; the relay listens. Nothing is signalled for a transaction that rolls back.
 */
@Injectable()
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly sessions: Sessions) {}

  written(): void {
    this.sessions.afterCommit(() => {
      for (const listener of this.listeners) listener();
    });
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
