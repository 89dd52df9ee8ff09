namespace ItemEval.Runtime.Tests.Providers.Transcripts;

/// <summary>
/// Strings shaped like provider keys, for redaction tests. They are assembled at run time so the source tree holds
/// nothing a secret scanner would take for a real key; none of them was ever a key.
/// </summary>
internal static class FakeKeys
{
    public const string OpenAIPrefix = "sk-" + "proj-";
    public const string AnthropicPrefix = "sk-" + "ant-" + "api03";
    public const string GooglePrefix = "AI" + "zaSy";

    public static string OpenAI { get; } = OpenAIPrefix + "abcdefghijklmnopqrstuvwx";

    public static string Anthropic { get; } = AnthropicPrefix + "-" + new string('A', 20);

    public static string Google { get; } = GooglePrefix + "A" + string.Concat(Enumerable.Range(1, 33).Select(i => i % 10));
}
