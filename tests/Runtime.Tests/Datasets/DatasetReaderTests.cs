using DuckDB.NET.Data;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using static ItemEval.Runtime.Tests.Datasets.DatasetFixtures;

namespace ItemEval.Runtime.Tests.Datasets;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Jsonl_with_a_list_column_maps_choices_metadata_and_keeps_file_order()
    {
        _folder.Write("d.jsonl", """
            {"qid": 7, "q": "Pick one", "a": "B", "opts": ["x", "y"], "topic": "t1"}
            {"qid": 3, "q": "Again", "a": "A", "opts": ["p", "q"], "topic": "t2"}
            """);
        var dataset = Dataset("d.jsonl", "jsonl", new ItemMapping("qid", "q", "a", "opts", null, ["topic"]));

        var items = DatasetReader.Read(Study(_folder.Path, dataset), dataset);

        Assert.Equal(["7", "3"], items.Select(item => item.Id));
        Assert.Equal(["x", "y"], items[0].Choices);
        Assert.Equal("t2", items[1].Metadata["topic"]);
        Assert.Equal("d/7", items[0].Uid);
        Assert.Equal(64, items[0].ContentHash.Length);
    }

    [Fact]
    public void Csv_with_header_and_choices_from_several_columns()
    {
        _folder.Write("d.csv", "id,question,A,B,C,answer\nq1,What?,one,two,three,C\n");
        var dataset = Dataset("d.csv", "csv", new ItemMapping("id", "question", "answer", "A,B,C", null, []));

        var item = Assert.Single(DatasetReader.Read(Study(_folder.Path, dataset), dataset));

        Assert.Equal(["one", "two", "three"], item.Choices);
        Assert.Equal("C", item.Target);
    }

    [Fact]
    public void Parquet_files_are_read_through_duckdb()
    {
        var path = Path.Combine(_folder.Path, "d.parquet");
        using (var connection = new DuckDBConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT 'p' || i AS id, 'What is ' || i || '+1?' AS input, CAST(i + 1 AS VARCHAR) AS target FROM range(3) t(i)) TO '{path}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        var dataset = Dataset("d.parquet", "parquet", ItemMapping.Default);

        var items = DatasetReader.Read(Study(_folder.Path, dataset), dataset);

        Assert.Equal(["p0", "p1", "p2"], items.Select(item => item.Id));
        Assert.Equal("3", items[2].Target);
    }

    [Fact]
    public void A_missing_column_lists_the_columns_the_file_has()
    {
        _folder.Write("d.jsonl", """{"question": "q", "answer": "1"}""");
        var dataset = Dataset("d.jsonl", "jsonl", new ItemMapping("#row", "questoin", "answer", null, null, []));

        var diagnostic = Assert.Single(Assert.Throws<StudyException>(() => DatasetReader.Read(Study(_folder.Path, dataset), dataset)).Diagnostics);

        Assert.Equal(DiagnosticCodes.MissingColumn, diagnostic.Code);
        Assert.Contains("'questoin'", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("its columns are question, answer", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(5, diagnostic.Location!.Line);
    }

    [Fact]
    public void Duplicate_ids_name_the_rows()
    {
        _folder.Write("d.jsonl", """
            {"id": "a", "input": "x"}
            {"id": "b", "input": "y"}
            {"id": "a", "input": "z"}
            """);
        var dataset = Dataset("d.jsonl", "jsonl", ItemMapping.Default);

        var diagnostic = Assert.Single(Assert.Throws<StudyException>(() => DatasetReader.Read(Study(_folder.Path, dataset), dataset)).Diagnostics);

        Assert.Equal(DiagnosticCodes.DuplicateItemId, diagnostic.Code);
        Assert.Contains("rows 1, 3", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_keeps_the_first_items()
    {
        _folder.Write("d.jsonl", string.Join('\n', Enumerable.Range(1, 10).Select(i => $$"""{"id": "{{i}}", "input": "q{{i}}"}""")));
        var dataset = Dataset("d.jsonl", "jsonl", ItemMapping.Default, limit: 4);

        Assert.Equal(["1", "2", "3", "4"], DatasetReader.Read(Study(_folder.Path, dataset), dataset).Select(item => item.Id));
    }

    [Fact]
    public void Real_gsm8k_reads_1319_items_numbered_by_row()
    {
        var path = Path.Combine(TestPaths.SharedDatasets, "gsm8k", "test.jsonl");
        var dataset = Dataset(path, "jsonl", new ItemMapping("#row", "question", "answer", null, null, []));

        var items = DatasetReader.Read(Study(_folder.Path, dataset), dataset);

        Assert.Equal(1319, items.Count);
        Assert.Equal("1", items[0].Id);
        Assert.EndsWith("#### 18", items[0].Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_headerless_mmlu_csv_maps_choice_columns()
    {
        var path = Path.Combine(TestPaths.SharedDatasets, "mmlu", "test", "abstract_algebra_test.csv");
        var dataset = Dataset(path, "csv", new ItemMapping("#row", "column0", "column5", "column1,column2,column3,column4", null, []), header: false);

        var items = DatasetReader.Read(Study(_folder.Path, dataset), dataset);

        Assert.Equal(100, items.Count);
        Assert.All(items, item => Assert.Equal(4, item.Choices.Count));
        Assert.All(items, item => Assert.Contains(item.Target, new[] { "A", "B", "C", "D" }));
    }

    public void Dispose() => _folder.Dispose();
}
