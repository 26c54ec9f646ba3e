import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import type { EmbeddingModel } from "../db/embeddings.js";
import type { Config } from "../server/config.js";
import { OfflineEmbeddings } from "./offline/embeddings.js";
import { createOfflineChatModel, readAnswer } from "./offline/index.js";

export interface Models {
  chat: BaseChatModel;
  /** The name usage and cost are booked under. */
  chatModelName: string;
  embeddings: EmbeddingModel;
  /** Reads a reply to a pending confirmation: approve, reject, or neither (a new message). */
  readAnswer(text: string): "approve" | "reject" | undefined;
}

/**
 * The chat and embedding models the configuration asks for: the offline NLU model and GloVe
 * embeddings, or any OpenAI-compatible endpoint. Yes/no to a confirmation is read by the offline
 * NLU in both cases: it is deterministic, instant, and needs no model call.
 */
export function createModels(config: Pick<Config, "model">): Models {
  const m = config.model;
  if (m.provider === "offline") {
    return {
      chat: createOfflineChatModel(),
      chatModelName: "offline",
      embeddings: OfflineEmbeddings.load(),
      readAnswer,
    };
  }
  const client = {
    apiKey: m.apiKey ?? "not-needed",
    configuration: m.baseUrl ? { baseURL: m.baseUrl } : undefined,
  };
  const chat = new ChatOpenAI({
    ...client,
    model: m.chatModel,
    streaming: true,
    streamUsage: true,
    maxRetries: m.maxRetries,
    timeout: m.timeoutMs,
  });
  const embeddings =
    m.embeddingModel === "offline-glove-100"
      ? OfflineEmbeddings.load()
      : openAiEmbeddings(
          new OpenAIEmbeddings({ ...client, model: m.embeddingModel, dimensions: m.embeddingDimensions }),
          `${m.embeddingModel}:${m.embeddingDimensions}`,
          m.embeddingDimensions,
        );
  return { chat, chatModelName: m.chatModel, embeddings, readAnswer };
}

function openAiEmbeddings(inner: OpenAIEmbeddings, modelId: string, dims: number): EmbeddingModel {
  return {
    modelId,
    dims,
    embedDocuments: (t) => inner.embedDocuments(t),
    embedQuery: (t) => inner.embedQuery(t),
  };
}
