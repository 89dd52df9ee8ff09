namespace ItemEval.Runtime.Design;

/// <summary>A loaded template: its text, optional system text, and the hash of both.</summary>
public sealed record PromptTemplate(string Name, string Text, string? SystemText, string ContentHash);
