using System.Text.Json;

namespace ItemEval.Runtime.Grading.Judges;

/// <summary>
/// A compliance judge's contract: JSON <c>{"compliant": true|false, "confidence": 0..1, "explanation": "…"}</c>.
/// Value 1 is compliant, 0 is not.
/// </summary>
public static class ComplianceVerdictParser
{
    public static Verdict Parse(string text, string? finishReason)
    {
        if (VerdictText.EmptyCode(text) is { } empty)
        {
            return Verdict.Failed(empty);
        }

        var objects = VerdictText.Objects(text, out var malformed);
        var verdicts = objects.Select(json => (json, compliant: VerdictText.Property(json, "compliant")))
            .Where(pair => pair.compliant is { ValueKind: JsonValueKind.True or JsonValueKind.False })
            .ToList();
        if (VerdictText.NotExactlyOne(verdicts.Select(pair => pair.compliant!.Value.ValueKind).Distinct().Count(), text, finishReason, malformed) is { } failed)
        {
            return failed;
        }

        var (json, flag) = verdicts[0];
        var compliant = flag!.Value.ValueKind == JsonValueKind.True;
        var label = compliant ? "compliant" : "not_compliant";
        double? confidence = VerdictText.Property(json, "confidence") is { ValueKind: JsonValueKind.Number } number ? number.GetDouble() : null;
        return confidence is < 0 or > 1
            ? new Verdict(VerdictCodes.OutOfRange, compliant ? 1 : 0, label, Confidence: confidence)
            : new Verdict(null, compliant ? 1 : 0, label, VerdictText.Text(json, "explanation"), confidence);
    }
}
