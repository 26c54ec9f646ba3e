import { createHash } from "node:crypto";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type {
  BaseLanguageModelInput,
  StructuredOutputMethodOptions,
} from "@langchain/core/language_models/base";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import {
  assembleStructuredOutputPipeline,
  createFunctionCallingParser,
} from "@langchain/core/language_models/structured_output";
import { AIMessage, AIMessageChunk, type BaseMessage, type UsageMetadata } from "@langchain/core/messages";
import type { ToolCall } from "@langchain/core/messages/tool";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import { convertToOpenAIFunction, isLangChainTool } from "@langchain/core/utils/function_calling";
import { toJsonSchema } from "@langchain/core/utils/json_schema";
import type { SerializableSchema } from "@langchain/core/utils/standard_schema";
import type { InteropZodType } from "@langchain/core/utils/types";
import { countTokensWith, type TokenCounter, tiktokenCounter } from "./token-count.js";

/** What a policy sees on each turn: the conversation, the tools it may call, and the caller's wishes. */
export interface OfflineTurnInput {
  messages: BaseMessage[];
  tools: OfflineToolSpec[];
  /** As passed by the caller: "auto", "any", "none", a tool name, or a provider-style object. */
  toolChoice?: unknown;
  signal?: AbortSignal;
}

export interface OfflineToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments. */
  schema: Record<string, unknown>;
}

export interface OfflineDecision {
  content: string;
  toolCalls?: { name: string; args: Record<string, unknown> }[];
}

/** The brain of the offline model: a deterministic function of the turn. */
export type OfflinePolicy = (input: OfflineTurnInput) => OfflineDecision | Promise<OfflineDecision>;

export interface OfflineChatModelCallOptions extends BaseChatModelCallOptions {
  /** Set by bindTools / withStructuredOutput. */
  tools?: OfflineToolSpec[];
}

export interface OfflineChatModelFields extends BaseChatModelParams {
  policy: OfflinePolicy;
  /** Counts tokens for usage_metadata; defaults to tiktoken's cl100k_base, loaded on first use. */
  countTokens?: TokenCounter;
}

export type OfflineModelErrorCode =
  | "bad_decision"
  | "unknown_tool"
  | "tool_choice_ignored"
  | "unsupported_tool";

/** A policy (or a caller) broke the model's contract; the code says how. */
export class OfflineModelError extends Error {
  override name = "OfflineModelError";
  constructor(
    readonly code: OfflineModelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A LangChain chat model with no network and no weights: every reply comes from an injected policy.
 * It speaks the same protocol as a hosted model (tool calls, streaming, usage, structured output),
 * so graphs, tools and the UI can run against it unchanged.
 */
export class OfflineChatModel extends BaseChatModel<OfflineChatModelCallOptions, AIMessageChunk> {
  private readonly policy: OfflinePolicy;
  private readonly countTokens: TokenCounter | undefined;

  static override lc_name(): string {
    return "OfflineChatModel";
  }

  constructor({ policy, countTokens, ...rest }: OfflineChatModelFields) {
    super(rest);
    this.policy = policy;
    this.countTokens = countTokens;
  }

  _llmType(): string {
    return "offline";
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<OfflineChatModelCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, OfflineChatModelCallOptions> {
    return this.withConfig({ ...kwargs, tools: tools.map(toOfflineToolSpec) });
  }

  // The base implementation returns the tool call's arguments unchecked; this one parses them with
  // the schema (zod, standard schema) and forces the tool, as hosted models' function calling does.
  override withStructuredOutput<RunOutput extends Record<string, unknown> = Record<string, unknown>>(
    outputSchema: InteropZodType<RunOutput> | SerializableSchema<RunOutput> | Record<string, unknown>,
    config?: StructuredOutputMethodOptions<false>,
  ): Runnable<BaseLanguageModelInput, RunOutput>;
  override withStructuredOutput<RunOutput extends Record<string, unknown> = Record<string, unknown>>(
    outputSchema: InteropZodType<RunOutput> | SerializableSchema<RunOutput> | Record<string, unknown>,
    config?: StructuredOutputMethodOptions<true>,
  ): Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }>;
  override withStructuredOutput<RunOutput extends Record<string, unknown> = Record<string, unknown>>(
    outputSchema: InteropZodType<RunOutput> | SerializableSchema<RunOutput> | Record<string, unknown>,
    config?: StructuredOutputMethodOptions<boolean>,
  ):
    | Runnable<BaseLanguageModelInput, RunOutput>
    | Runnable<BaseLanguageModelInput, { raw: BaseMessage; parsed: RunOutput }> {
    const jsonSchema = toJsonSchema(outputSchema) as Record<string, unknown>;
    const name = config?.name ?? (typeof jsonSchema.title === "string" ? jsonSchema.title : "extract");
    const description =
      typeof jsonSchema.description === "string" ? jsonSchema.description : "Answer in this structure.";
    const llm = this.withConfig({
      tools: [{ name, description, schema: jsonSchema }],
      tool_choice: name,
      ls_structured_output_format: {
        kwargs: { method: "function_calling" },
        schema: { title: name, ...jsonSchema },
      },
    });
    const parser = createFunctionCallingParser<RunOutput>(outputSchema, name);
    return assembleStructuredOutputPipeline<RunOutput>(llm, parser, config?.includeRaw);
  }

  // No handleLLMNewToken here: LangGraph's "messages" stream would then show the text as a token and
  // skip the final message, losing its tool calls. Streaming callers get _streamResponseChunks.
  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const turn = await this.decide(messages, options);
    const message = new AIMessage({
      content: turn.content,
      tool_calls: turn.toolCalls,
      usage_metadata: turn.usage,
      response_metadata: turn.responseMetadata,
    });
    return {
      generations: [{ text: turn.content, message }],
      llmOutput: {
        tokenUsage: {
          promptTokens: turn.usage.input_tokens,
          completionTokens: turn.usage.output_tokens,
          totalTokens: turn.usage.total_tokens,
        },
      },
    };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const turn = await this.decide(messages, options);
    const chunks: ChatGenerationChunk[] = [
      ...textPieces(turn.content).map(
        (piece) => new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) }),
      ),
      ...turn.toolCalls.map(
        (call, index) =>
          new ChatGenerationChunk({
            text: "",
            message: new AIMessageChunk({
              content: "",
              tool_call_chunks: [
                {
                  type: "tool_call_chunk",
                  id: call.id,
                  name: call.name,
                  args: JSON.stringify(call.args),
                  index,
                },
              ],
            }),
          }),
      ),
      // Usage and finish reason travel on a last, empty chunk, as hosted models send them.
      new ChatGenerationChunk({
        text: "",
        message: new AIMessageChunk({
          content: "",
          usage_metadata: turn.usage,
          response_metadata: turn.responseMetadata,
        }),
        generationInfo: turn.responseMetadata,
      }),
    ];
    for (const chunk of chunks) {
      // Yielding to the event loop lets a timer or a client disconnect abort between tokens.
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfAborted(options.signal);
      yield chunk;
      await runManager?.handleLLMNewToken(chunk.text, undefined, undefined, undefined, undefined, { chunk });
    }
  }

  /** Asks the policy, checks its answer against the offered tools, and prices the turn. */
  private async decide(messages: BaseMessage[], options: this["ParsedCallOptions"]) {
    throwIfAborted(options.signal);
    const tools = options.tools ?? [];
    const decision = await this.policy({
      messages,
      tools,
      toolChoice: options.tool_choice,
      signal: options.signal,
    });
    throwIfAborted(options.signal);
    checkDecision(decision, tools, options.tool_choice);

    const content = truncateAtStop(decision.content, options.stop);
    const conversation = conversationHash(messages);
    const toolCalls: (ToolCall & { id: string })[] = (decision.toolCalls ?? []).map((call, index) => ({
      type: "tool_call",
      id: `call_${createHash("sha256").update(`${conversation}:${index}`).digest("hex").slice(0, 12)}`,
      name: call.name,
      args: call.args,
    }));

    const count = this.countTokens ?? (await tiktokenCounter());
    const input_tokens = countTokensWith(count, messages, tools);
    const output_tokens =
      count(content) + toolCalls.reduce((n, c) => n + count(c.name) + count(JSON.stringify(c.args)), 0);
    const usage: UsageMetadata = { input_tokens, output_tokens, total_tokens: input_tokens + output_tokens };
    const responseMetadata = {
      model_provider: "offline",
      finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop",
    };
    return { content, toolCalls, usage, responseMetadata };
  }
}

/** A policy that answers with the given decisions in order, for tests; it fails loudly when they run out. */
export function scriptedPolicy(
  decisions: readonly OfflineDecision[],
): OfflinePolicy & { readonly turns: OfflineTurnInput[] } {
  const turns: OfflineTurnInput[] = [];
  const policy = (input: OfflineTurnInput): OfflineDecision => {
    const next = decisions[turns.length];
    turns.push(input);
    if (!next) throw new Error(`scriptedPolicy: no decision scripted for turn ${turns.length}`);
    return next;
  };
  return Object.assign(policy, { turns });
}

/** LangChain tools, zod-schema'd tool params and OpenAI- or Anthropic-style definitions, as JSON schema. */
export function toOfflineToolSpec(tool: BindToolsInput): OfflineToolSpec {
  if (isLangChainTool(tool)) {
    const fn = convertToOpenAIFunction(tool);
    return { name: fn.name, description: fn.description ?? "", schema: asSchema(fn.parameters) };
  }
  const t = tool as Record<string, unknown>;
  const fn = (t.type === "function" && typeof t.function === "object" ? t.function : t) as Record<
    string,
    unknown
  >;
  if (typeof fn.name === "string") {
    const parameters = fn.parameters ?? fn.input_schema ?? { type: "object", properties: {} };
    return {
      name: fn.name,
      description: typeof fn.description === "string" ? fn.description : "",
      schema: asSchema(parameters),
    };
  }
  throw new OfflineModelError(
    "unsupported_tool",
    `bindTools: cannot read a tool from ${JSON.stringify(tool)}`,
  );
}

function asSchema(parameters: unknown): Record<string, unknown> {
  const schema = toJsonSchema(parameters as Record<string, unknown>);
  return typeof schema === "object" && schema !== null ? (schema as Record<string, unknown>) : {};
}

function checkDecision(decision: OfflineDecision, tools: OfflineToolSpec[], toolChoice: unknown): void {
  if (typeof decision?.content !== "string") {
    throw new OfflineModelError("bad_decision", "the policy returned a decision without string content");
  }
  const calls = decision.toolCalls ?? [];
  for (const call of calls) {
    if (
      typeof call?.name !== "string" ||
      typeof call.args !== "object" ||
      call.args === null ||
      Array.isArray(call.args)
    ) {
      throw new OfflineModelError(
        "bad_decision",
        `the policy returned a malformed tool call: ${JSON.stringify(call)}`,
      );
    }
    if (!tools.some((t) => t.name === call.name)) {
      throw new OfflineModelError(
        "unknown_tool",
        `the policy called "${call.name}", which it was not offered`,
      );
    }
  }
  const forced = forcedTool(toolChoice);
  if (forced === "none" && calls.length > 0) {
    throw new OfflineModelError("tool_choice_ignored", 'tool_choice is "none" but the policy called a tool');
  }
  if (forced === "any" && calls.length === 0) {
    throw new OfflineModelError(
      "tool_choice_ignored",
      "tool_choice requires a tool call but the policy made none",
    );
  }
  if (forced && forced !== "none" && forced !== "any" && !calls.some((c) => c.name === forced)) {
    throw new OfflineModelError("tool_choice_ignored", `tool_choice requires a call to "${forced}"`);
  }
}

/** "none", "any", a tool name, or undefined for a free choice. */
function forcedTool(toolChoice: unknown): string | undefined {
  if (toolChoice === undefined || toolChoice === null || toolChoice === "auto") return undefined;
  if (toolChoice === "required" || toolChoice === "any") return "any";
  if (typeof toolChoice === "string") return toolChoice;
  const c = toolChoice as { type?: unknown; name?: unknown; function?: { name?: unknown } };
  if (typeof c.function?.name === "string") return c.function.name;
  if (c.type === "tool" && typeof c.name === "string") return c.name;
  if (c.type === "any") return "any";
  return undefined;
}

/** Word-sized pieces whose concatenation is the text: each word keeps the whitespace after it. */
function textPieces(text: string): string[] {
  return text.match(/^\s+|\S+\s*/g) ?? [];
}

function truncateAtStop(content: string, stop: string[] | undefined): string {
  let end = content.length;
  for (const s of stop ?? []) {
    const at = s ? content.indexOf(s) : -1;
    if (at >= 0) end = Math.min(end, at);
  }
  return content.slice(0, end);
}

/** Identifies the conversation so that tool call ids are stable for the same input. */
function conversationHash(messages: BaseMessage[]): string {
  const h = createHash("sha256");
  for (const m of messages) {
    const toolCalls = "tool_calls" in m ? m.tool_calls : undefined;
    const toolCallId = "tool_call_id" in m ? m.tool_call_id : undefined;
    h.update(JSON.stringify([m.type, m.content, m.name ?? null, toolCalls ?? null, toolCallId ?? null]));
    h.update("\u0000");
  }
  return h.digest("hex");
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "AbortError") throw reason;
  throw new DOMException("The offline model call was aborted.", "AbortError");
}
