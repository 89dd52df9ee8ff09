namespace ItemEval.Runtime.Budget;

/// <summary>
/// Tokens from characters: about four characters per token for English prompts with common tokenizers. A
/// heuristic for estimates only; what is billed comes from the providers' usage.
/// </summary>
public static class TokenEstimator
{
    public static int FromChars(int chars) => (chars + 3) / 4;
}
