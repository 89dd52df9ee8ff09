using ItemEval.Runtime.Providers;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>What one judge call sends: the rendered prompt (the only, user, message), and the cue a mock judge answers by.</summary>
public sealed record JudgeCall(ChatMessage Prompt, JudgeCue Cue);
