using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Budget.Gate;

/// <summary>The gate's verdict, the errors that stop the build (none unless it stops) and warnings to show either way.</summary>
public sealed record GateDecision(GateVerdict Verdict, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Diagnostic> Warnings, string Question);
