namespace ItemEval.Runtime.Config;

/// <summary>The grid: models (each with lanes) × templates × epochs.</summary>
public sealed record DesignConfig(
    IReadOnlyList<ModelConfig> Models,
    IReadOnlyList<TemplateConfig> Templates,
    int Epochs,
    SourceLocation Location);
