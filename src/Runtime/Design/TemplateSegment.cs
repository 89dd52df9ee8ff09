namespace ItemEval.Runtime.Design;

/// <summary>A piece of a template: literal text, or a placeholder (<see cref="Placeholder"/> set) with its position.</summary>
public sealed record TemplateSegment(string Text, string? Placeholder, int Line, int Column);
