namespace ItemEval.Runtime.Budget;

/// <summary>
/// The visible answer length the expected estimate assumes, by template style, in place of the <c>max_tokens</c> cap
/// (most answers stop far below it: a GSM8K study with <c>max_tokens: 256</c> was estimated at 7× its bill when every
/// call was assumed to fill the cap). Heuristics until pilots measure the study's own answers; see docs/budget.md.
/// </summary>
public static class TypicalAnswer
{
    /// <summary>
    /// A direct answer ("... The answer is 42.") from current chat models: a line to a few sentences, 10–60 tokens; the
    /// GSM8K direct-answer study in issue 8 billed about 20 output tokens a call.
    /// </summary>
    public const int DirectTokens = 30;

    /// <summary>
    /// Worked reasoning before the answer (chain of thought): current chat models write 150–400 tokens on GSM8K-style
    /// problems (the dataset's own reference solutions are about 100).
    /// </summary>
    public const int StepByStepTokens = 350;

    // Phrases that ask for worked reasoning; anything else is taken as a direct answer.
    private static readonly string[] StepByStepCues =
        ["step by step", "step-by-step", "think", "reason", "explain", "show your work", "work it out", "chain of thought"];

    public static AnswerStyle StyleOf(string promptText) =>
        StepByStepCues.Any(cue => promptText.Contains(cue, StringComparison.OrdinalIgnoreCase)) ? AnswerStyle.StepByStep : AnswerStyle.Direct;

    public static int Tokens(AnswerStyle style) => style == AnswerStyle.StepByStep ? StepByStepTokens : DirectTokens;
}
