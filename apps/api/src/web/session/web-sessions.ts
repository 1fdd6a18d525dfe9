import { createHash } from 'node:crypto';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import type { Kysely } from 'kysely';
import { AppConfig } from '@caretrail/config';
import { demoIdentityByToken } from '@caretrail/demo';
import type { ReadDatabase } from '@caretrail/read-store';
import type { Identity } from '../../identity/identity';
import { READ_DATABASE } from '../../store/store.module';
import { isSignedIn, newSession, parseSession, SESSION_COOKIE, writeSession, type WebRequest, type WebSession } from './web-session';

/** The time sessions are judged by (a test moves it on instead of waiting). */
@Injectable()
export class SessionClock {
  now(): number {
    return Date.now();
  }
}

/** Why a session ended. */
export type SessionEnd = 'signed-out' | 'signed-in-again' | 'idle' | 'expired';

/** One signed-in session (migration 0006_web_sessions); times are ISO-8601 UTC. */
interface WebSessionsTable {
  /** SHA-256 of the session id: the table alone opens no session. */
  session_key: string;
  user_id: string;
  organisation_id: string;
  created_at: string;
  last_seen_at: string;
  ended_at: string | null;
  end_reason: string | null;
}

const keyOf = (sid: string) => createHash('sha256').update(sid).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The pages' sessions, revocable on the server: each sign-in writes a record beside the signed cookie,
 * and a signed-in cookie opens pages only while its record is live: not signed out, used within the
 * idle timeout (CARETRAIL_SESSION_IDLE_TIMEOUT_MS) and younger than the absolute timeout
 * (CARETRAIL_SESSION_ABSOLUTE_TIMEOUT_MS). Records are in the read database, so they hold on SQLite
 * and PostgreSQL, across restarts and across instances. Signed-out (anonymous) sessions, which only
 * carry the sign-in form's CSRF token, live in the cookie alone.
 */
@Injectable()
export class WebSessions {
  private readonly db: Kysely<{ web_sessions: WebSessionsTable }>;

  constructor(
    @Inject(READ_DATABASE) read: ReadDatabase,
    private readonly config: AppConfig,
    private readonly clock: SessionClock,
  ) {
    this.db = read.db.withTables<{ web_sessions: WebSessionsTable }>() as unknown as Kysely<{ web_sessions: WebSessionsTable }>;
  }

  private get idleMs(): number {
    return this.config.CARETRAIL_SESSION_IDLE_TIMEOUT_MS;
  }

  private get absoluteMs(): number {
    return this.config.CARETRAIL_SESSION_ABSOLUTE_TIMEOUT_MS;
  }

  /** Reads this request's session: a live one is kept, anything else (none, forged, ended) becomes a fresh signed-out one. */
  async load(req: WebRequest, res: Response): Promise<void> {
    const now = this.clock.now();
    const session = parseSession((req.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE], now, this.absoluteMs);
    if (session && (!isSignedIn(session) || (await this.isLive(session, now)))) {
      req.webSession = session;
      return;
    }
    writeSession(req, res, newSession(null, undefined, now), this.absoluteMs);
  }

  /** Signs in with a new session id (so a session fixed before it is worth nothing), ending the one before. */
  async signIn(req: WebRequest, res: Response, token: string | null, identity?: Identity): Promise<void> {
    const who = identity ?? (token ? demoIdentityByToken(token) : undefined);
    if (!who) throw new Error('A session is signed in for somebody');
    const now = this.clock.now();
    await this.end(req.webSession, 'signed-in-again', now);
    const session = newSession(token, identity, now);
    await this.db
      .insertInto('web_sessions')
      .values({
        session_key: keyOf(session.sid),
        user_id: who.userId,
        organisation_id: who.organisationId,
        created_at: iso(now),
        last_seen_at: iso(now),
        ended_at: null,
        end_reason: null,
      })
      .execute();
    // Records past the absolute timeout can open nothing: forget them.
    await this.db
      .deleteFrom('web_sessions')
      .where('created_at', '<', iso(now - this.absoluteMs))
      .execute();
    writeSession(req, res, session, this.absoluteMs);
  }

  /** Ends the session on the server (every copy of its cookie is refused from now on) and gives a fresh signed-out one. */
  async signOut(req: WebRequest, res: Response): Promise<void> {
    const now = this.clock.now();
    await this.end(req.webSession, 'signed-out', now);
    writeSession(req, res, newSession(null, undefined, now), this.absoluteMs);
  }

  private async isLive(session: WebSession, now: number): Promise<boolean> {
    const key = keyOf(session.sid);
    const row = await this.db.selectFrom('web_sessions').select(['created_at', 'last_seen_at', 'ended_at']).where('session_key', '=', key).executeTakeFirst();
    if (!row || row.ended_at !== null) return false;
    const lastSeen = Date.parse(row.last_seen_at);
    const ending: SessionEnd | null = now - Date.parse(row.created_at) > this.absoluteMs ? 'expired' : now - lastSeen > this.idleMs ? 'idle' : null;
    if (ending) {
      await this.end(session, ending, now);
      return false;
    }
    // Written at most every tenth of the idle timeout (and every minute), not on every page.
    if (now - lastSeen >= Math.min(60_000, this.idleMs / 10)) {
      await this.db
        .updateTable('web_sessions')
        .set({ last_seen_at: iso(now) })
        .where('session_key', '=', key)
        .where('ended_at', 'is', null)
        .execute();
    }
    return true;
  }

  private async end(session: WebSession | undefined, reason: SessionEnd, now: number): Promise<void> {
    if (!session || !isSignedIn(session)) return;
    await this.db
      .updateTable('web_sessions')
      .set({ ended_at: iso(now), end_reason: reason })
      .where('session_key', '=', keyOf(session.sid))
      .where('ended_at', 'is', null)
      .execute();
  }
}

/** Loads the signed session cookie (after cookie-parser) and checks it against its record. */
@Injectable()
export class WebSessionMiddleware implements NestMiddleware {
  constructor(private readonly sessions: WebSessions) {}

  use(req: WebRequest, res: Response, next: NextFunction): void {
    this.sessions.load(req, res).then(() => next(), next);
  }
}
