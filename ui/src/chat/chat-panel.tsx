import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { AGENT_TITLES, type ChatItem, TOOL_DONE_LABELS, TOOL_LABELS } from "./chat-state.js";
import { ConfirmCard } from "./confirm-card.js";
import { ProviderResults } from "./provider-results.js";
import type { useChat } from "./use-chat.js";

type Chat = ReturnType<typeof useChat>;

const ACTIVITY_TEXT: Record<string, string> = {
  running: "…",
  waiting: ": waiting for your approval",
  failed: ": did not work",
};

function Activity({ item }: { item: Extract<ChatItem, { kind: "activity" }> }) {
  const running = TOOL_LABELS[item.tool] ?? item.tool.replaceAll("_", " ");
  const label = item.status === "ok" ? (TOOL_DONE_LABELS[item.tool] ?? running) : running;
  const summary =
    item.status === "ok" ? (item.summary ? `: ${item.summary}` : ": done") : ACTIVITY_TEXT[item.status];
  return (
    <li className={`activity activity-${item.status}`}>
      <span className="activity-dot" aria-hidden="true" />
      {label}
      {summary}
    </li>
  );
}

/**
 * A conversation: the log of messages (streamed token by token), the agents' tool activity,
 * provider cards, confirmation cards, and the message box. The log is an ARIA log that is busy
 * while a reply streams, so that screen readers read the finished reply once; at the end of a
 * turn focus moves to what needs the user (a confirmation) or to the new reply, and typing
 * anywhere in the log goes back to the message box.
 */
export function ChatPanel({
  chat,
  title,
  intro,
  suggestions,
  placeholder,
  timeZone,
}: {
  chat: Chat;
  title: string;
  intro: string;
  suggestions: string[];
  placeholder: string;
  timeZone: string;
}) {
  const { state, send, decide, newConversation } = chat;
  const [draft, setDraft] = useState("");
  const logRef = useRef<HTMLOListElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();
  const titleId = useId();

  // Follow the conversation as it grows, unless the user scrolled up to read (sending comes back down).
  useEffect(() => {
    const log = logRef.current;
    if (!log) return;
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 160;
    if (nearBottom || state.items.at(-1)?.kind === "user") log.scrollTop = log.scrollHeight;
  }, [state.items]);

  useEffect(() => {
    if (!state.focusId) return;
    // Someone typing their next message keeps the focus.
    if (document.activeElement === inputRef.current && inputRef.current?.value) return;
    document.getElementById(`chat-item-${state.focusId}`)?.focus();
  }, [state.focusId]);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    if (send(draft)) setDraft("");
  }

  function onComposerKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
  }

  function onLogKey(e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    if (target.closest("button, input, textarea, select, a")) return;
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) inputRef.current?.focus();
  }

  const agentTitle = state.agent?.title ?? "Proxie";

  function renderItem(item: ChatItem): ReactNode {
    switch (item.kind) {
      case "user":
        return (
          <li key={item.id} className="msg msg-user">
            <span className="visually-hidden">You said: </span>
            {item.text}
          </li>
        );
      case "assistant":
        return (
          <li
            key={item.id}
            id={`chat-item-${item.id}`}
            className={item.streaming ? "msg msg-assistant is-streaming" : "msg msg-assistant"}
            tabIndex={-1}
          >
            <span className="msg-agent">{AGENT_TITLES[item.agent ?? ""] ?? agentTitle}</span>
            {item.text ? <div className="msg-text">{item.text}</div> : null}
            {item.searches.map((s) => (
              <ProviderResults
                key={s.key}
                search={s}
                timeZone={timeZone}
                onChoose={(name) => send(name)}
                disabled={state.busy}
              />
            ))}
          </li>
        );
      case "activity":
        return <Activity key={item.id} item={item} />;
      case "confirm":
        return (
          <ConfirmCard
            key={item.id}
            id={item.id}
            request={item.request}
            state={item.state}
            busy={state.busy}
            onDecide={(d) => decide(item.request.id, d)}
          />
        );
      case "notice":
        return (
          <li
            key={item.id}
            id={`chat-item-${item.id}`}
            className={`notice notice-${item.tone}`}
            tabIndex={-1}
          >
            {item.text}
          </li>
        );
    }
  }

  return (
    <section className="panel chat" aria-labelledby={titleId} id="chat">
      <header className="panel-head">
        <h2 id={titleId}>{title}</h2>
        <p className="agent-badge" role="status">
          <span className="muted">Agent:</span> <strong data-testid="active-agent">{agentTitle}</strong>
        </p>
        <button
          type="button"
          className="link-button"
          onClick={newConversation}
          disabled={!state.items.length}
        >
          New conversation
        </button>
      </header>
      <ol
        className="chat-log"
        ref={logRef}
        role="log"
        aria-label="Conversation"
        aria-busy={state.busy}
        onKeyDown={onLogKey}
      >
        {state.items.length === 0 ? <li className="chat-intro">{intro}</li> : null}
        {state.items.map(renderItem)}
      </ol>
      {state.items.length === 0 ? (
        <div className="suggestions">
          <span className="muted" id={`${titleId}-try`}>
            Try:
          </span>
          {suggestions.map((s) => (
            <button
              key={s}
              type="button"
              className="chip"
              onClick={() => send(s)}
              aria-describedby={`${titleId}-try`}
            >
              {s}
            </button>
          ))}
        </div>
      ) : null}
      <form className="composer" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          Message
        </label>
        <textarea
          id={inputId}
          ref={inputRef}
          rows={1}
          value={draft}
          placeholder={placeholder}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onComposerKey}
          maxLength={4000}
          aria-describedby={`${inputId}-hint`}
        />
        <button type="submit" disabled={state.busy || !draft.trim()}>
          {state.busy ? "Working…" : "Send"}
        </button>
        <span id={`${inputId}-hint`} className="visually-hidden">
          Enter sends, Shift+Enter starts a new line.
        </span>
      </form>
    </section>
  );
}
