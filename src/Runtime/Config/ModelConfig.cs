namespace ItemEval.Runtime.Config;

/// <summary>A model written <c>provider/model</c>, with its lanes and provider-specific options.</summary>
/// <param name="Options">Free-form provider options, e.g. mock <c>accuracy</c> or a <c>base_url</c>.</param>
public sealed record ModelConfig(
    string Id,
    IReadOnlyList<LaneConfig> Lanes,
    IReadOnlyDictionary<string, string> Options,
    SourceLocation Location)
{
    public string Provider => Id.Split('/', 2)[0];

    public string ModelName => Id.Split('/', 2) is [_, var name] ? name : Id;

    /// <summary>The model's own <c>batch:</c>, overriding the study's; null when it has none.</summary>
    public BatchMode? Batch { get; init; }
}
