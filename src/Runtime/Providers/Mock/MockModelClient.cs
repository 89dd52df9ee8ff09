using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ItemEval.Runtime.Grading;

namespace ItemEval.Runtime.Providers.Mock;

/// <summary>
/// <c>mock/…</c> models: deterministic answers derived from the request, right with probability <c>accuracy</c>
/// (decided by a hash, so the same request always gets the same answer), fabricated token usage, $0. They let the
/// whole pipeline run offline, and different accuracies make graded results differ between mock models.
/// </summary>
public sealed class MockModelClient : IModelClient
{
    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var options = MockOptions.From(request.Options);
        if (options.LatencyMs > 0)
        {
            await Task.Delay(options.LatencyMs, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var seed = Seed(request);
        if (Uniform(seed, 0) < options.ErrorRate)
        {
            throw new ModelCallException("HTTP 500 \"mock error (error_rate)\"", 500, isTransient: false);
        }

        var text = Uniform(seed, 1) < options.EmptyRate ? ""
            : request.Judge is { } judged ? MockJudge.Answer(judged, options, slot => Uniform(seed, slot))
            : Answer(request, seed, options.Accuracy);
        var input = request.Messages.Sum(message => message.Content.Length + 3) / 4;
        var output = (text.Length + 3) / 4;
        return new ModelResponse(text, text.Length == 0 ? "length" : "stop", new TokenUsage(input, output), clock.Elapsed, $"mock-{Convert.ToHexStringLower(seed)[..12]}");
    }

    private static string Answer(ModelRequest request, byte[] seed, double accuracy)
    {
        var correct = Uniform(seed, 2) < accuracy;
        var answer = Expected(request) is { } expected ? (correct ? expected : Wrong(expected, seed)) : "unknown";
        return $"Let me work through this carefully.\nThe answer is {answer}.";
    }

    internal static string? Expected(ModelRequest request) => Expected(request.Reference);

    internal static string? Expected(string? target)
    {
        if (target is not { } reference)
        {
            return null;
        }

        var trimmed = reference.Trim();
        if (trimmed.Length == 1 && char.IsAsciiLetter(trimmed[0]))
        {
            return trimmed.ToUpperInvariant();
        }

        if (NumericAnswer.TryExtract(trimmed, out var number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        return trimmed;
    }

    private static string Wrong(string expected, byte[] seed)
    {
        var offset = 1 + (seed[3] % 9);
        if (expected.Length == 1 && char.IsAsciiLetterUpper(expected[0]))
        {
            return ((char)('A' + ((expected[0] - 'A' + 1 + (seed[3] % 3)) % 4))).ToString();
        }

        return decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            ? (number + offset).ToString(CultureInfo.InvariantCulture)
            : "something else";
    }

    /// <summary>Temperature 0 (or unset) ignores the epoch: greedy decoding gives the same answer every epoch.</summary>
    private static byte[] Seed(ModelRequest request)
    {
        var greedy = request.Parameters.Temperature is null or 0;
        var text = new StringBuilder(request.Model).Append('\u0001')
            .Append(string.Join('\u0002', request.Messages.Select(message => message.Role + ":" + message.Content)))
            .Append('\u0001').Append(request.Parameters.ToString())
            .Append('\u0001').Append(greedy ? 0 : request.Epoch);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static double Uniform(byte[] seed, int slot) => BitConverter.ToUInt32(seed, slot * 4) / (double)uint.MaxValue;
}
