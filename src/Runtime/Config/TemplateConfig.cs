namespace ItemEval.Runtime.Config;

/// <summary>A prompt template file (relative to the study folder) and an optional system prompt file.</summary>
public sealed record TemplateConfig(string Name, string Path, string? SystemPath, SourceLocation Location);
