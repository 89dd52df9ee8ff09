using System.Globalization;
using ItemEval.Runtime.Grading;

namespace ItemEval.Runtime.Providers.Mock;

/// <summary>
/// A <c>mock/…</c> model asked as a judge: it checks each judged answer against the item's reference the way a mock
/// model answers ("The answer is N"), tells the truth with probability <c>accuracy</c>, prefers the first position
/// with probability <c>position_bias</c>, writes an unreadable verdict with probability <c>parse_failure_rate</c>, and
/// answers in the format its template asks for (<c>[[…]]</c> or JSON). Deterministic per request, like every mock.
/// </summary>
internal static class MockJudge
{
    private const int FailSlot = 2;
    private const int TruthSlot = 3;
    private const int BiasSlot = 4;
    private const int GuessSlot = 5;
    private const int FailureKindSlot = 6;

    /// <param name="uniform">The request's deterministic draws in [0, 1], by slot.</param>
    public static string Answer(JudgeCue cue, MockOptions options, Func<int, double> uniform)
    {
        if (uniform(FailSlot) < options.ParseFailureRate)
        {
            return Unreadable(uniform(FailureKindSlot));
        }

        var truthful = uniform(TruthSlot) < options.Accuracy;
        return cue.Kind switch
        {
            "pairwise" => Pairwise(cue, uniform(BiasSlot) < options.PositionBias ? "A" : truthful ? Better(cue) : Guess(uniform(GuessSlot))),
            "compliance" => Compliance(truthful == Correct(cue.Output, cue.Reference, uniform(GuessSlot))),
            _ => Rubric(cue, truthful == Correct(cue.Output, cue.Reference, uniform(GuessSlot))),
        };
    }

    private static string Rubric(JudgeCue cue, bool good)
    {
        var score = (good ? cue.Scale.Max : cue.Scale.Min).ToString(CultureInfo.InvariantCulture);
        var reasoning = good ? "The answer matches the reference." : "The answer does not match the reference.";
        return cue.RatingFormat ? $"{reasoning}\nRating: [[{score}]]" : $$"""{"score": {{score}}, "reasoning": "{{reasoning}}"}""";
    }

    private static string Pairwise(JudgeCue cue, string winner) => cue.RatingFormat
        ? $"Comparing both answers with the reference.\n[[{(winner == "tie" ? "C" : winner)}]]"
        : $$"""{"winner": "{{winner}}", "reasoning": "Compared both answers with the reference."}""";

    private static string Compliance(bool compliant) =>
        $$"""{"compliant": {{(compliant ? "true" : "false")}}, "confidence": 0.8, "explanation": "{{(compliant ? "It follows the statement." : "It does not follow the statement.")}}"}""";

    private static string Better(JudgeCue cue)
    {
        var first = Correct(cue.Output, cue.Reference, 0);
        var second = Correct(cue.SecondOutput ?? "", cue.Reference, 0);
        return first == second ? "tie" : first ? "A" : "B";
    }

    private static string Guess(double draw) => draw < 1 / 3.0 ? "A" : draw < 2 / 3.0 ? "B" : "tie";

    /// <summary>Whether an answer states the reference; without a reference, a coin (the draw).</summary>
    private static bool Correct(string output, string? reference, double draw)
    {
        if (MockModelClient.Expected(reference) is not { } expected)
        {
            return draw >= 0.5;
        }

        if (decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return NumericAnswer.TryExtract(output, out var stated) && stated == number;
        }

        return expected.Length == 1
            ? ChoiceAnswer.Extract(output, []) == expected
            : output.Contains(expected, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The three ways a judge's answer is commonly unreadable: no verdict, broken JSON, a refusal.</summary>
    private static string Unreadable(double draw) =>
        draw < 1 / 3.0 ? "The answer seems reasonable overall."
        : draw < 2 / 3.0 ? """{"score": 1, "reasoning": "cut off"""
        : "I cannot evaluate this answer.";
}
