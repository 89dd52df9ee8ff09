using System.Globalization;

namespace ItemEval.Bench;

/// <summary>Prints measurements as a Markdown table, ready to paste into docs/BENCHMARKS.md.</summary>
internal static class BenchTable
{
    public static void Print(params (string Measure, FormattableString Value)[] rows)
    {
        Console.WriteLine();
        Console.WriteLine($"| {"measure",-42} | value |");
        Console.WriteLine($"|{new string('-', 44)}|------:|");
        foreach (var (measure, value) in rows)
        {
            Console.WriteLine($"| {measure,-42} | {value.ToString(CultureInfo.InvariantCulture)} |");
        }
    }
}
