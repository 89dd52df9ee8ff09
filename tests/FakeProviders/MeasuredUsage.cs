using System.Text.Json.Nodes;

namespace ItemEval.FakeProviders;

/// <summary>
/// Usage from <see cref="FakeBehavior.Tokens"/> in place of a wire format's fixed counts, so an answer can report (and
/// the invoice bill) tokens that vary with the prompt and the reply, as a real provider's do. The server measures the
/// request once and leaves the counts on the request body for the format to read (OpenAI chat only).
/// </summary>
internal static class MeasuredUsage
{
    private const string Key = "x_fake_measured_usage";

    public static void Attach(JsonObject body, FakeBehavior behavior, string prompt)
    {
        if (behavior.Tokens is { } tokens)
        {
            var (input, output) = tokens(prompt, behavior.Reply(prompt));
            body[Key] = new JsonArray(input, output);
        }
    }

    /// <summary>The measured usage, or null when the behavior measures nothing (or the answer is an empty one).</summary>
    public static FakeUsage? From(JsonObject body, bool empty) =>
        !empty && body[Key] is JsonArray { Count: 2 } counts ? new FakeUsage((int)counts[0]!, (int)counts[1]!) : null;
}
