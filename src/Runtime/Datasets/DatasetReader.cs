using System.Data.Common;
using DuckDB.NET.Data;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Datasets;

/// <summary>
/// Reads a local JSONL, CSV or Parquet file with DuckDB and maps its columns to items. The id column may be
/// <c>#row</c> (1-based row number), which is also used when the default <c>id</c> column does not exist.
/// </summary>
public static class DatasetReader
{
    public const string RowNumber = "#row";

    public static IReadOnlyList<Item> Read(StudyConfig study, DatasetConfig dataset)
    {
        var path = study.Resolve(dataset.Path);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = DataFileQuery.For(dataset.Format, path, dataset.Header) + (dataset.Limit is { } limit ? $" LIMIT {limit}" : "");
        DbDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch (DuckDBException error)
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.DatasetUnreadable, $"dataset '{dataset.Name}': cannot read {dataset.Path} as {dataset.Format}: {FirstLine(error.Message)}", dataset.Location));
        }

        using (reader)
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var plan = ItemColumns.Resolve(dataset, columns);
            var items = new List<Item>();
            var diagnostics = new List<Diagnostic>();
            var row = 0;
            while (reader.Read())
            {
                row++;
                if (row > StudyLimits.Items)
                {
                    // Stop reading: the rest would only fill memory for a study that cannot run.
                    throw new StudyException(Diagnostic.Error(DiagnosticCodes.TooLarge, $"dataset '{dataset.Name}': {dataset.Path} has more than {StudyLimits.Items} rows; add limit: (at most {StudyLimits.Items}) or split the file", dataset.Location));
                }

                if (plan.Map(dataset, reader, row, diagnostics) is { } item)
                {
                    items.Add(item);
                }
            }

            diagnostics.AddRange(Duplicates(dataset, items));
            if (diagnostics.Count > 0)
            {
                throw new StudyException(diagnostics.Take(20).ToList());
            }

            return items;
        }
    }

    /// <summary>The hash an item contributes to every cell key: its content, not its position or file.</summary>
    internal static string HashOf(string input, string? target, IReadOnlyList<string> choices, string? scheme, IReadOnlyDictionary<string, string> metadata) =>
        ContentHash.Of(new ItemContent(input, target, choices, scheme, metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}").ToList()));

    private static IEnumerable<Diagnostic> Duplicates(DatasetConfig dataset, IReadOnlyList<Item> items) =>
        items.Select((item, index) => (item.Id, Row: index + 1))
            .GroupBy(entry => entry.Id, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => Diagnostic.Error(
                DiagnosticCodes.DuplicateItemId,
                $"dataset '{dataset.Name}': item id '{group.Key}' appears on rows {string.Join(", ", group.Select(entry => entry.Row))} of {dataset.Path}; ids must be unique (map another column to id, or use id: '#row')",
                dataset.Location));

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private sealed record ItemContent(string Input, string? Target, IReadOnlyList<string> Choices, string? Scheme, List<string> Metadata);
}
