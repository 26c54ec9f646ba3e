import { createHash, randomUUID } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";
import type { RunnableConfig } from "@langchain/core/runnables";
import {
  type Checkpoint,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
  WRITES_IDX_MAP,
} from "@langchain/langgraph-checkpoint";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { LRUCache } from "lru-cache";
import type pg from "pg";

/** The channel whose value grows with the conversation: stored one message per row, once. */
const MESSAGES = "messages";
const REFS_TYPE = "message_refs";

type Ref = [id: string, hash: string];
type NewMessage = { id: string; hash: string; type: string; blob: Uint8Array; message: BaseMessage };
type Row = [Uint8Array, Uint8Array, Uint8Array];

/**
 * LangGraph's Postgres checkpointer, tuned for long conversations. PostgresSaver re-serialises and
 * re-stores the whole message list every time it changes, so a turn costs more the longer the
 * thread; here each message is stored once (`checkpoint_messages`, keyed by thread, id and content
 * hash) and the messages channel's blob holds only references. Loaded and written messages are
 * kept in a bounded in-process cache; rows are never updated in place, so a cached message is
 * never stale, on any replica. A checkpoint is written in one statement instead of one per
 * channel inside a transaction.
 *
 * Everything else (tables, migrations, pending writes, interrupts) is PostgresSaver's.
 */
export class ConversationSaver extends PostgresSaver {
  private readonly messages = new LRUCache<string, Map<string, BaseMessage>>({ max: 2_000 });
  /** The content hash of message objects this process has serialised or loaded. */
  private readonly hashes = new WeakMap<BaseMessage, string>();

  constructor(private readonly db: pg.Pool) {
    super(db);
  }

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: Record<string, string | number>,
  ): Promise<RunnableConfig> {
    const {
      thread_id,
      checkpoint_ns = "",
      checkpoint_id,
    } = (config.configurable ?? {}) as Record<string, string>;
    if (!thread_id) throw new Error('Missing "thread_id" in "configurable"');
    const values = checkpoint.channel_values as Record<string, unknown>;
    const blobs: [string, string, string, Uint8Array | null][] = [];
    const newMessages: NewMessage[] = [];
    for (const [channel, version] of Object.entries(newVersions)) {
      if (!(channel in values)) {
        blobs.push([channel, String(version), "empty", null]);
        continue;
      }
      if (channel === MESSAGES && Array.isArray(values[channel])) {
        const refs = await this.refsOf(thread_id, values[channel] as BaseMessage[], newMessages);
        blobs.push([channel, String(version), REFS_TYPE, new TextEncoder().encode(JSON.stringify(refs))]);
        continue;
      }
      const [type, blob] = await this.serde.dumpsTyped(values[channel]);
      blobs.push([channel, String(version), type, new Uint8Array(blob)]);
    }
    const serializedMetadata = await this._dumpMetadata(metadata);
    await this.db.query(
      `WITH m AS (
         INSERT INTO checkpoint_messages (thread_id, message_id, hash, type, blob)
         SELECT $1, * FROM unnest($7::text[], $8::text[], $9::text[], $10::bytea[])
         ON CONFLICT DO NOTHING
       ), b AS (
         INSERT INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob)
         SELECT $1, $2, * FROM unnest($11::text[], $12::text[], $13::text[], $14::bytea[])
         ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO NOTHING
       )
       INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, metadata = EXCLUDED.metadata`,
      [
        thread_id,
        checkpoint_ns,
        checkpoint.id,
        checkpoint_id ?? null,
        this._dumpCheckpoint(checkpoint),
        serializedMetadata,
        newMessages.map((m) => m.id),
        newMessages.map((m) => m.hash),
        newMessages.map((m) => m.type),
        newMessages.map((m) => m.blob),
        blobs.map((b) => b[0]),
        blobs.map((b) => b[1]),
        blobs.map((b) => b[2]),
        blobs.map((b) => b[3]),
      ],
    );
    // Only once they are stored may later checkpoints refer to them without storing them again.
    const cache = this.threadCache(thread_id);
    for (const m of newMessages) {
      this.hashes.set(m.message, m.hash);
      cache.set(`${m.id}:${m.hash}`, m.message);
    }
    return { configurable: { thread_id, checkpoint_ns, checkpoint_id: checkpoint.id } };
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string): Promise<void> {
    const {
      thread_id,
      checkpoint_ns = "",
      checkpoint_id,
    } = (config.configurable ?? {}) as Record<string, string>;
    const dumped = await this._dumpWrites(thread_id!, checkpoint_ns, checkpoint_id!, taskId, writes);
    if (!dumped.length) return;
    // LangGraph's special channels (errors, interrupts, resumes) replace; ordinary writes are kept once.
    const special = writes.every(([channel]) => channel in WRITES_IDX_MAP);
    await this.db.query(
      `INSERT INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, blob)
       SELECT $1, $2, $3, $4, * FROM unnest($5::int[], $6::text[], $7::text[], $8::bytea[])
       ON CONFLICT (thread_id, checkpoint_ns, checkpoint_id, task_id, idx) DO ${
         special
           ? "UPDATE SET channel = EXCLUDED.channel, type = EXCLUDED.type, blob = EXCLUDED.blob"
           : "NOTHING"
       }`,
      [
        thread_id,
        checkpoint_ns,
        checkpoint_id,
        taskId,
        dumped.map((w) => w[4]),
        dumped.map((w) => w[5]),
        dumped.map((w) => w[6]),
        dumped.map((w) => w[7]),
      ],
    );
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const tuple = await super.getTuple(config);
    return tuple && this.withMessages(tuple);
  }

  override async *list(...args: Parameters<PostgresSaver["list"]>): AsyncGenerator<CheckpointTuple> {
    for await (const tuple of super.list(...args)) yield await this.withMessages(tuple);
  }

  override async deleteThread(threadId: string): Promise<void> {
    await super.deleteThread(threadId);
    await this.db.query("DELETE FROM checkpoint_messages WHERE thread_id = $1", [threadId]);
    this.messages.delete(threadId);
  }

  /** Blobs of the messages channel hold references; PostgresSaver's loader must not decode them. */
  override async _loadBlobs(blobValues: Row[]): Promise<Record<string, unknown>> {
    const decoder = new TextDecoder();
    const refs = blobValues.find(([, t]) => decoder.decode(t) === REFS_TYPE);
    const rest = await super._loadBlobs(blobValues.filter((b) => b !== refs));
    if (refs) rest[MESSAGES] = { [REFS_TYPE]: JSON.parse(decoder.decode(refs[2])) as Ref[] };
    return rest;
  }

  private async withMessages(tuple: CheckpointTuple): Promise<CheckpointTuple> {
    const values = tuple.checkpoint.channel_values as Record<string, unknown>;
    const holder = values[MESSAGES] as { [REFS_TYPE]?: Ref[] } | undefined;
    const refs = holder?.[REFS_TYPE];
    if (!refs) return tuple;
    const threadId = String(tuple.config.configurable?.thread_id);
    values[MESSAGES] = await this.resolve(threadId, refs);
    return tuple;
  }

  /** The messages of a list of references: from the cache, the rest in one query. */
  private async resolve(threadId: string, refs: Ref[]): Promise<BaseMessage[]> {
    const cache = this.threadCache(threadId);
    const missing = refs.filter(([id, hash]) => !cache.has(`${id}:${hash}`));
    if (missing.length) {
      const { rows } = await this.db.query<{
        message_id: string;
        hash: string;
        type: string;
        blob: Uint8Array;
      }>(
        `SELECT message_id, hash, type, blob FROM checkpoint_messages
         WHERE thread_id = $1 AND (message_id, hash) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
        [threadId, missing.map((r) => r[0]), missing.map((r) => r[1])],
      );
      for (const r of rows) {
        const message = (await this.serde.loadsTyped(r.type, r.blob)) as BaseMessage;
        this.hashes.set(message, r.hash);
        cache.set(`${r.message_id}:${r.hash}`, message);
      }
    }
    return refs.map(([id, hash]) => {
      const m = cache.get(`${id}:${hash}`);
      if (!m)
        throw new Error(`checkpoint of thread ${threadId} refers to a message that is not stored (${id})`);
      return m;
    });
  }

  /** References for a message list; messages this process has not stored yet are serialised once. */
  private async refsOf(threadId: string, messages: BaseMessage[], out: NewMessage[]): Promise<Ref[]> {
    const cache = this.threadCache(threadId);
    const refs: Ref[] = [];
    for (const m of messages) {
      if (m.id === undefined || m.id === null) {
        m.id = randomUUID();
        m.lc_kwargs.id = m.id;
      }
      let hash = this.hashes.get(m);
      if (!hash || !cache.has(`${m.id}:${hash}`)) {
        const [type, blob] = await this.serde.dumpsTyped(m);
        const bytes = new Uint8Array(blob);
        hash = createHash("sha1").update(bytes).digest("hex").slice(0, 16);
        out.push({ id: m.id, hash, type, blob: bytes, message: m });
      }
      refs.push([m.id, hash]);
    }
    return refs;
  }

  private threadCache(threadId: string): Map<string, BaseMessage> {
    let cache = this.messages.get(threadId);
    if (!cache) {
      cache = new Map();
      this.messages.set(threadId, cache);
    }
    return cache;
  }
}
