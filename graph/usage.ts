import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Serialized } from "@langchain/core/load/serializable";
import type { BaseMessage } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import { costUsd } from "../models/pricing.js";

export interface TurnUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  byModel: Record<string, { inputTokens: number; outputTokens: number; costUsd: number }>;
}

/** Adds up the tokens of every model call in a turn (router and specialists alike), per model. */
export class UsageCollector extends BaseCallbackHandler {
  name = "proxie-usage";
  private readonly models = new Map<string, string>();
  readonly usage: TurnUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0, byModel: {} };

  constructor(private readonly fallbackModel: string) {
    super();
  }

  override handleChatModelStart(
    _llm: Serialized,
    _messages: BaseMessage[][],
    runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
    _tags?: string[],
    metadata?: Record<string, unknown>,
  ): void {
    const invocation = extraParams?.invocation_params as { model?: string; model_name?: string } | undefined;
    const model =
      (metadata?.ls_model_name as string | undefined) ??
      invocation?.model ??
      invocation?.model_name ??
      this.fallbackModel;
    this.models.set(runId, model);
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    const model = this.models.get(runId) ?? this.fallbackModel;
    this.models.delete(runId);
    let input = 0;
    let out = 0;
    for (const gen of output.generations.flat()) {
      const usage = (
        gen as { message?: { usage_metadata?: { input_tokens?: number; output_tokens?: number } } }
      ).message?.usage_metadata;
      input += usage?.input_tokens ?? 0;
      out += usage?.output_tokens ?? 0;
    }
    if (!input && !out) {
      const t = output.llmOutput?.tokenUsage as
        | { promptTokens?: number; completionTokens?: number }
        | undefined;
      input = t?.promptTokens ?? 0;
      out = t?.completionTokens ?? 0;
    }
    const cost = costUsd(model, input, out);
    const entry = this.usage.byModel[model] ?? { inputTokens: 0, outputTokens: 0, costUsd: 0 };
    this.usage.byModel[model] = entry;
    entry.inputTokens += input;
    entry.outputTokens += out;
    entry.costUsd += cost;
    this.usage.inputTokens += input;
    this.usage.outputTokens += out;
    this.usage.costUsd += cost;
  }
}
