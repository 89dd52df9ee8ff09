using System.Text;

namespace ItemEval.Runtime.Reporting;

/// <summary>Renders rows as an aligned plain-text table for the build log (right-aligns numbers).</summary>
public static class TextTable
{
    public static IReadOnlyList<string> Render(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((title, column) => Math.Max(title.Length, rows.Count == 0 ? 0 : rows.Max(row => row[column].Length))).ToArray();
        var numeric = header.Select((_, column) => rows.Count > 0 && rows.All(row => IsNumber(row[column]))).ToArray();
        var lines = new List<string> { Line(header, widths, numeric), string.Join("  ", widths.Select(width => new string('─', width))) };
        lines.AddRange(rows.Select(row => Line(row, widths, numeric)));
        return lines;
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, bool[] numeric)
    {
        var builder = new StringBuilder();
        for (var column = 0; column < cells.Count; column++)
        {
            if (column > 0)
            {
                builder.Append("  ");
            }

            builder.Append(numeric[column] ? cells[column].PadLeft(widths[column]) : cells[column].PadRight(widths[column]));
        }

        return builder.ToString().TrimEnd();
    }

    private static bool IsNumber(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '$' or '.') && text.Skip(1).All(c => char.IsDigit(c) || c is '.' or ',' or '%');
}
