namespace ItemEval.EndToEnd.Tests;

/// <summary>Exit code and the interleaved console output of one front-end run.</summary>
internal sealed record FrontEndResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}";
}
