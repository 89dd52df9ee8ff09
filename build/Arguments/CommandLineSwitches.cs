namespace ItemEval.Build.Arguments;

/// <summary>
/// Every option the front end takes, in help order: the one list <see cref="CommandLine.Parse"/> recognises and
/// <c>--help</c> prints, so an option cannot be parsed yet undocumented, or documented yet unknown.
/// </summary>
internal static class CommandLineSwitches
{
    public static readonly IReadOnlyList<CommandLineSwitch> All =
    [
        new("study", "<name|path>", [], "ITEMEVAL_STUDY, STUDY", ["a folder under studies/, a folder with study.yaml, or a study.yaml"]),
        new("yes", null, ["y"], "ITEMEVAL_YES=1", ["confirm spending (never lifts budget.max_usd)"]),
        new("policy", "<p>", [], "ITEMEVAL_POLICY", ["run policy: dev (the first budget.dev_items items), full-interactive or full-batch;", "wins over budget.policy (default dev; full-interactive for a study of mock models)"]),
        new("estimate", "<e>", [], "ITEMEVAL_ESTIMATE", ["which estimate the budget gate checks: expected (default) or worst-case"]),
        new("refresh-pricing", null, [], "", ["fetch the OpenRouter price catalog (OPENROUTER_BASE_URL) before pricing anything"]),
        new("update-locks", null, [], "", ["re-pin datasets whose files changed (datasets.lock.json)"]),
        new("no-cache", null, [], "", ["do not serve responses from the response cache"]),
        new("dry-run", null, [], "", ["write the requests Generate would send, with cache keys; send nothing (no --yes needed)"]),
        new("verify-first", null, [], "", ["send one request per condition first; stop on the first failure"]),
        new("no-wait", null, [], "", ["Generate, Grade: submit (or refresh) provider batches and exit without waiting; a later run collects"]),
        new("cancel-batches", null, [], "", ["Clean: cancel the study's batches still running at the provider, then clean"]),
        new("data-root", "<dir>", [], "ITEMEVAL_DATA_ROOT", ["a folder outside the study that study.yaml may read files from;", "repeat it for several (the variable takes a PATH-style list)"]),
        new("verbosity", "<v>", ["v"], "ITEMEVAL_VERBOSITY", ["quiet, minimal (default), normal, detailed, diagnostic"]),
        new("binlog", "[file]", [], "", ["write an MSBuild binary log (default artifacts/<study>/last.binlog);", "it records properties and messages — ItemEval never passes keys as either"]),
        new("help", null, ["h", "?"], "", ["this page"]),
    ];

    /// <summary>The switch an argument names (dashes stripped, any case), or null when it is none of ours.</summary>
    public static CommandLineSwitch? Find(string argument)
    {
        var option = argument.TrimStart('-');
        return All.FirstOrDefault(candidate => candidate.Matches(option));
    }
}
