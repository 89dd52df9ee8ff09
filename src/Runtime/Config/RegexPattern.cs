using System.Text.RegularExpressions;

namespace ItemEval.Runtime.Config;

/// <summary>
/// The one way a regex grader's pattern is compiled, shared by the loader (which rejects a bad pattern before
/// anything is spent) and the scorer, so both agree on what is valid.
/// </summary>
public static class RegexPattern
{
    // Outputs are untrusted text: a catastrophic pattern must time out on one answer, not hang grading.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static Regex Compile(string pattern) => new(pattern, RegexOptions.Multiline, MatchTimeout);

    /// <summary>Null when the pattern compiles; otherwise why not, in .NET's words.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            Compile(pattern);
            return null;
        }
        catch (ArgumentException error)
        {
            return error.Message;
        }
    }
}
