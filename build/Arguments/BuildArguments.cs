namespace ItemEval.Build.Arguments;

/// <summary>What the user asked for, after command line and environment were combined.</summary>
internal sealed record BuildArguments(
    IReadOnlyList<string> Targets,
    string? Study,
    bool Yes,
    string Estimate,
    string? Policy,
    bool RefreshPricing,
    bool UpdateLocks,
    bool NoCache,
    bool DryRun,
    bool VerifyFirst,
    string Verbosity,
    string? BinaryLog,
    bool Help,
    IReadOnlyList<string> DataRoots)
{
    /// <summary>Generate and Grade submit or refresh provider batches and return without waiting (<c>--no-wait</c>).</summary>
    public bool NoWait { get; init; }

    /// <summary>Clean cancels batches in flight at the provider (<c>--cancel-batches</c>).</summary>
    public bool CancelBatches { get; init; }
}
