namespace ItemEval.Runtime.Design;

/// <summary>The placeholders a template may use.</summary>
public static class Placeholders
{
    public const string Input = "input";
    public const string Choices = "choices";
    public const string Id = "id";
    public const string Dataset = "dataset";
    public const string MetadataPrefix = "metadata.";

    public static IReadOnlyList<string> Known(IEnumerable<string> metadataKeys) =>
        [Input, Choices, Id, Dataset, .. metadataKeys.Select(key => MetadataPrefix + key)];
}
