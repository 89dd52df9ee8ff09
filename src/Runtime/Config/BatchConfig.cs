namespace ItemEval.Runtime.Config;

/// <summary>The study-wide batch setting (<c>batch</c>, <c>batch_min_cells</c>); a model's own <c>batch</c> overrides the mode.</summary>
public sealed record BatchConfig(BatchMode Mode, int MinCells)
{
    public const int DefaultMinCells = 20;

    public static BatchConfig Off { get; } = new(BatchMode.False, DefaultMinCells);

    /// <summary>The mode that applies to <paramref name="model"/>: its own, else the study's.</summary>
    public BatchMode For(ModelConfig model) => model.Batch ?? Mode;
}
