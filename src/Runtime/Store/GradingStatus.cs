namespace ItemEval.Runtime.Store;

/// <summary>
/// The state of one grading. Only <see cref="Error"/> gradings run again on the next Grade; a judge's answer that
/// does not parse is an outcome (<see cref="ParseFailure"/>), like an empty solution, not a failure to retry.
/// </summary>
public static class GradingStatus
{
    public const string Done = "done";
    public const string Error = "error";
    public const string ParseFailure = "parse_failure";
}
