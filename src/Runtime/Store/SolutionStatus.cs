namespace ItemEval.Runtime.Store;

/// <summary>The state of one generated cell. Only <see cref="Error"/> cells run again on the next run.</summary>
public static class SolutionStatus
{
    public const string Done = "done";
    public const string Error = "error";
    public const string Empty = "empty";
}
