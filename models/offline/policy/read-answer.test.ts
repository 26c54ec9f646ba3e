import { describe, expect, it } from "vitest";
import { readAnswer } from "./read-answer.js";

describe("readAnswer", () => {
  it.each([
    "yes book it",
    "go ahead",
    "sure thing",
    "Yep, do it!",
    "ok",
    "approve",
    "sounds great",
    "confirmed",
  ])("reads %j as approval", (text) => {
    expect(readAnswer(text)).toBe("approve");
  });

  it.each(["nope", "don't", "no thanks", "nah", "never mind", "reject"])("reads %j as a refusal", (text) => {
    expect(readAnswer(text)).toBe("reject");
  });

  it.each([
    "yes but at 4pm",
    "no, the second one",
    "actually make it thursday",
    "can you do it cheaper?",
    "what time is it",
    "hmm",
    "yes please, and could you also look for a plumber for my kitchen sink next week",
  ])("leaves %j to the conversation", (text) => {
    expect(readAnswer(text)).toBeUndefined();
  });
});
