namespace ItemEval.Build.Arguments;

/// <summary>What the user asked for, after command line and environment were combined.</summary>
internal sealed record BuildArguments(
    IReadOnlyList<string> Targets,
    string? Study,
    bool Yes,
    string Policy,
    bool UpdateLocks,
    bool NoCache,
    bool DryRun,
    bool VerifyFirst,
    string Verbosity,
    string? BinaryLog,
    bool Help,
    IReadOnlyList<string> DataRoots);
