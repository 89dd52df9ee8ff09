namespace ItemEval.Runtime.Datasets;

/// <summary>One benchmark item after mapping. <see cref="Uid"/> is unique across the study's datasets.</summary>
/// <param name="Scheme">How the item is graded: numeric, multiple_choice, exact, regex, or a name a grader selects on.</param>
/// <param name="ContentHash">SHA-256 over the item's canonical content; part of every cell key.</param>
public sealed record Item(
    string Dataset,
    string Id,
    string Input,
    string? Target,
    IReadOnlyList<string> Choices,
    string? Scheme,
    IReadOnlyDictionary<string, string> Metadata,
    string ContentHash)
{
    public string Uid => $"{Dataset}/{Id}";
}
