using System.Text;
using ItemEval.Build.Arguments;

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
        foreach (var option in CommandLineSwitches.All)
        {
            Row(text, option.Usage, option.Environment, option.Help[0]);
            foreach (var line in option.Help.Skip(1))
            {
                Row(text, "", "", line);
            }
        }

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
