import { useCallback, useEffect, useReducer, useRef } from "react";
import { streamChat } from "../api/chat.js";
import { type Api, describeError } from "../api/client.js";
import type { ChatBody, ThreadView } from "../api/types.js";
import { chatReducer, initialChat, WRITE_TOOLS } from "./chat-state.js";

let sent = 0;

/**
 * A conversation with Proxie's agents: sends messages and confirmation decisions, folds the
 * streamed events into items, and keeps the thread across reloads (its id in sessionStorage,
 * its transcript from `GET /v1/threads/:id`). `onWrite` hears of every write that succeeded.
 */
export function useChat(
  api: Api,
  { storageKey, onWrite }: { storageKey: string; onWrite?: (tool: string) => void },
) {
  const [state, dispatch] = useReducer(chatReducer, initialChat);
  const stateRef = useRef(state);
  stateRef.current = state;
  const onWriteRef = useRef(onWrite);
  onWriteRef.current = onWrite;
  const running = useRef<AbortController | null>(null);

  useEffect(() => {
    const saved = sessionStorage.getItem(storageKey);
    if (!saved) return;
    const ac = new AbortController();
    api.get<ThreadView>(`/v1/threads/${saved}`, ac.signal).then(
      (thread) => dispatch({ type: "restore", thread }),
      () => sessionStorage.removeItem(storageKey),
    );
    return () => ac.abort();
  }, [api, storageKey]);

  useEffect(() => {
    if (state.threadId) sessionStorage.setItem(storageKey, state.threadId);
  }, [state.threadId, storageKey]);

  useEffect(() => () => running.current?.abort(), []);

  const run = useCallback(
    async (body: ChatBody) => {
      const ac = new AbortController();
      running.current = ac;
      try {
        for await (const event of streamChat(api, body, ac.signal)) {
          dispatch({ type: "event", event });
          if (event.type === "tool_result" && event.ok && WRITE_TOOLS.has(event.name))
            onWriteRef.current?.(event.name);
        }
      } catch (err) {
        if (!ac.signal.aborted) dispatch({ type: "failed", message: describeError(err) });
      } finally {
        if (running.current === ac) running.current = null;
        dispatch({ type: "ended" });
      }
    },
    [api],
  );

  const send = useCallback(
    (text: string) => {
      const message = text.trim();
      if (!message || stateRef.current.busy) return false;
      dispatch({ type: "send", id: `u-${++sent}`, text: message });
      const threadId = stateRef.current.threadId;
      void run(threadId ? { threadId, message } : { message });
      return true;
    },
    [run],
  );

  const decide = useCallback(
    (confirmId: string, decision: "approve" | "reject") => {
      const threadId = stateRef.current.threadId;
      if (!threadId || stateRef.current.busy) return;
      dispatch({ type: "decide", confirmId, decision });
      void run({ threadId, resume: { decision } });
    },
    [run],
  );

  const newConversation = useCallback(() => {
    running.current?.abort();
    sessionStorage.removeItem(storageKey);
    dispatch({ type: "reset" });
  }, [storageKey]);

  return { state, send, decide, newConversation };
}
