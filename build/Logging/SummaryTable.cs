using System.Globalization;
using Spectre.Console;

namespace ItemEval.Build.Logging;

/// <summary>The NUKE-like end-of-run table: Target / Status / Duration, then the total.</summary>
internal static class SummaryTable
{
    public static IReadOnlyList<TargetOutcome> Rows(IReadOnlyList<string> plan, IReadOnlyDictionary<string, TargetOutcome> outcomes) =>
        plan.Select(name => outcomes.TryGetValue(name, out var outcome) ? outcome : new TargetOutcome(name, TargetStatus.NotRun, TimeSpan.Zero)).ToList();

    public static void Write(IAnsiConsole console, IReadOnlyList<TargetOutcome> rows, TimeSpan total)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned());
        foreach (var row in rows)
        {
            table.AddRow(new Text(row.Name), new Markup(Status(row)), new Text(Duration(row.Duration)));
        }

        table.AddEmptyRow();
        table.AddRow(new Text("Total"), new Text(""), new Text(Duration(total)));
        console.Write(table);
    }

    private static string Status(TargetOutcome row) => row.Status switch
    {
        TargetStatus.Succeeded => "[green]Succeeded[/]",
        // Not "Succeeded" beside an error per failed condition: it finished, and what failed is listed above.
        TargetStatus.FinishedWithErrors => $"[red]Finished, {row.Errors} error{(row.Errors == 1 ? "" : "s")}[/]",
        TargetStatus.UpToDate => "[grey]Up to date[/]",
        TargetStatus.Failed => "[red]Failed[/]",
        _ => "[yellow]Not run[/]",
    };

    private static string Duration(TimeSpan duration) =>
        duration.TotalMinutes >= 1 ? duration.ToString(@"m\:ss", CultureInfo.InvariantCulture) : duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
