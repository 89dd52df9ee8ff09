using ItemEval.Build.Logging;

namespace ItemEval.Build.Running;

/// <summary>What a build did: success, cancellation, the error codes seen and each target's outcome.</summary>
internal sealed record BuildOutcome(
    bool Succeeded,
    bool Cancelled,
    IReadOnlyList<string> ErrorCodes,
    IReadOnlyDictionary<string, TargetOutcome> Targets,
    TimeSpan Duration);
