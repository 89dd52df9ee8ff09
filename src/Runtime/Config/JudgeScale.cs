namespace ItemEval.Runtime.Config;

/// <summary>The inclusive range a rubric judge's score must fall in, e.g. [0, 1] or MT-Bench's [1, 10].</summary>
public sealed record JudgeScale(double Min, double Max)
{
    public static JudgeScale Unit { get; } = new(0, 1);

    /// <summary>A score mapped onto [0, 1], so judges of different scales average alike.</summary>
    public double Normalize(double score) => (score - Min) / (Max - Min);
}
