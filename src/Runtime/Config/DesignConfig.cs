namespace ItemEval.Runtime.Config;

/// <summary>The grid: models (each with lanes) × templates × epochs.</summary>
/// <param name="OnEmpty">keep (an empty answer is a result) or rerun (empty cells run again on the next run).</param>
public sealed record DesignConfig(
    IReadOnlyList<ModelConfig> Models,
    IReadOnlyList<TemplateConfig> Templates,
    int Epochs,
    SourceLocation Location,
    string OnEmpty = "keep")
{
    public bool RerunEmpty => OnEmpty == "rerun";
}
