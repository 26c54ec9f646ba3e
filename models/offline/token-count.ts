import type { BaseMessage } from "@langchain/core/messages";

/** Number of tokens in a text. */
export type TokenCounter = (text: string) => number;

// The encoder is immutable and takes a few hundred ms to build, so one per process, built on first use
// (importing the ranks eagerly would add 1 MB of parsing to every import of the chat model).
let cl100k: Promise<TokenCounter> | undefined;

/**
 * tiktoken's cl100k_base (GPT-4 / GPT-3.5), bundled with js-tiktoken: no network. Special-token
 * text such as "<|endoftext|>" in user input counts as ordinary text instead of throwing.
 */
export function tiktokenCounter(): Promise<TokenCounter> {
  cl100k ??= (async () => {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([
      import("js-tiktoken/lite"),
      import("js-tiktoken/ranks/cl100k_base"),
    ]);
    const encoder = new Tiktoken(ranks);
    return (text: string) => (text ? encoder.encode(text, [], []).length : 0);
  })();
  return cl100k;
}

/**
 * Prompt tokens the way OpenAI's chat format is usually estimated: each message's text plus 3
 * tokens of framing (and 1 for a name), 3 to prime the reply, plus the tool definitions as JSON.
 */
export function countTokensWith(
  count: TokenCounter,
  messages: readonly BaseMessage[],
  tools: readonly { name: string; description: string; schema: Record<string, unknown> }[],
): number {
  let total = 3;
  for (const m of messages) {
    total += 3 + count(typeof m.content === "string" ? m.content : JSON.stringify(m.content));
    if (m.name) total += 1 + count(m.name);
    const calls = "tool_calls" in m && Array.isArray(m.tool_calls) ? m.tool_calls : [];
    for (const call of calls as { name: string; args: unknown }[]) {
      total += count(call.name) + count(JSON.stringify(call.args));
    }
  }
  if (tools.length > 0) total += count(JSON.stringify(tools));
  return total;
}
