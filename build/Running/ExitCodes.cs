using ItemEval.Runtime.Config;

namespace ItemEval.Build.Running;

/// <summary>
/// Maps the error codes of a run to the exit status DESIGN.md defines (docs/diagnostics.md). When several apply,
/// 4 (over budget) wins over 2 (fix the configuration), 2 over 3 (confirm), 3 over 1 (failed cells).
/// The codes come from the runtime's <see cref="DiagnosticCodes"/>, compiled in as a linked source file
/// (ItemEval.Build.csproj): the front end gets one list of codes without loading the runtime assembly, which the
/// build engine loads for the tasks.
/// </summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int FailedCells = 1;
    public const int Configuration = 2;
    public const int ConfirmationNeeded = 3;
    public const int OverBudget = 4;
    public const int Interrupted = 130;

    public const string ConfirmationCode = DiagnosticCodes.ConfirmationNeeded;

    public static int From(IReadOnlyCollection<string> errorCodes, bool succeeded)
    {
        if (errorCodes.Any(code => code is DiagnosticCodes.OverBudget or DiagnosticCodes.UnknownPrice))
        {
            return OverBudget;
        }

        if (errorCodes.Any(IsConfiguration))
        {
            return Configuration;
        }

        if (errorCodes.Contains(ConfirmationCode))
        {
            return ConfirmationNeeded;
        }

        return errorCodes.Count > 0 || !succeeded ? FailedCells : Done;
    }

    private static bool IsConfiguration(string code) =>
        code.StartsWith("IEV01", StringComparison.Ordinal)
        || code.StartsWith("IEV02", StringComparison.Ordinal)
        || (code.StartsWith("IEV05", StringComparison.Ordinal) && code != DiagnosticCodes.Cancelled);
}
