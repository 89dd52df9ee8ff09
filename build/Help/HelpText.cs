using System.Text;

namespace ItemEval.Build.Help;

/// <summary>The <c>--help</c> page: usage, the targets (from the targets file), parameters, exit codes, examples.</summary>
internal static class HelpText
{
    public static string Render(TargetCatalog catalog)
    {
        var text = new StringBuilder();
        text.AppendLine("ItemEval — LLM evaluation studies run like a build.");
        text.AppendLine();
        text.AppendLine("Usage: ./build.sh <Target>... --study <name|path> [options]");
        text.AppendLine();
        text.AppendLine("Targets (a target runs what it depends on first; unchanged work reports 'Up to date'):");
        var width = catalog.Public.Max(target => target.Name.Length) + 2;
        foreach (var target in catalog.Public)
        {
            var dependsOn = string.Join(", ", target.DependsOn.Where(name => !name.StartsWith('_')));
            text.AppendLine($"  {target.Name.PadRight(width)}{target.Description}");
            if (dependsOn.Length > 0)
            {
                text.AppendLine($"  {new string(' ', width)}  after: {dependsOn}");
            }
        }

        text.AppendLine();
        text.AppendLine("Parameters (command line first, then environment variable, then default):");
        Row(text, "--study <name|path>", "ITEMEVAL_STUDY, STUDY", "a folder under studies/, a folder with study.yaml, or a study.yaml");
        Row(text, "--yes", "ITEMEVAL_YES=1", "confirm spending (never lifts budget.max_usd)");
        Row(text, "--policy <p>", "ITEMEVAL_POLICY", "estimate policy: expected (default) or worst-case");
        Row(text, "--update-locks", "", "re-pin datasets whose files changed (datasets.lock.json)");
        Row(text, "--no-cache", "", "do not serve responses from the response cache");
        Row(text, "--dry-run", "", "write the requests Generate would send, with cache keys; send nothing (no --yes needed)");
        Row(text, "--verify-first", "", "send one request per condition first; stop on the first failure");
        Row(text, "--data-root <dir>", "ITEMEVAL_DATA_ROOT", "a folder outside the study that study.yaml may read files from;");
        Row(text, "", "", "repeat it for several (the variable takes a PATH-style list)");
        Row(text, "--verbosity <v>", "ITEMEVAL_VERBOSITY", "quiet, minimal (default), normal, detailed, diagnostic");
        Row(text, "--binlog [file]", "", "write an MSBuild binary log (default artifacts/<study>/last.binlog);");
        Row(text, "", "", "it records properties and messages — ItemEval never passes keys as either");
        Row(text, "--help, -h", "", "this page");
        text.AppendLine();
        text.AppendLine("Keys come from the environment only (OPENAI_API_KEY, ANTHROPIC_API_KEY, …); outputs go to artifacts/<study>/.");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 done · 1 finished with failed cells · 2 configuration or usage error ·");
        text.AppendLine("            3 confirmation needed and no terminal (--yes gives it) · 4 over budget (no flag overrides it)");
        text.AppendLine();
        text.AppendLine("Examples:");
        text.AppendLine("  ./build.sh Export --study example        # the offline example on mock models");
        text.AppendLine("  ./build.sh Estimate --study compare      # what the pending cells would cost");
        text.AppendLine("  ./build.sh Grade --study compare --yes   # real providers, gated by the study's budget");
        text.AppendLine("  ./build.sh Status --study compare        # progress per condition");
        text.AppendLine("  ./build.sh Test                          # the test suite");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string option, string environment, string description) =>
        text.AppendLine($"  {option,-22}{environment,-24}{description}");
}
