using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Design;

/// <summary>
/// One point of the design grid: model × lane × template. <see cref="Id"/> is <c>slug-hash</c>, stable across
/// runs because it hashes names, not content; content changes show up in the cell keys instead.
/// </summary>
public sealed record Condition(
    string Id,
    ModelConfig Model,
    LaneConfig Lane,
    PromptTemplate Template);
