using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using Snapshooter;
using Snapshooter.Xunit;

namespace ItemEval.EndToEnd.Tests;

/// <summary>Snapshots of what downstream users depend on: the exported tables' columns and the manifest's shape.</summary>
public sealed class ExportShapeTests : IClassFixture<ExportedExampleFixture>
{
    private readonly ExportedExampleFixture _export;

    public ExportShapeTests(ExportedExampleFixture export) => _export = export;

    [Theory]
    [InlineData("long")]
    [InlineData("solutions")]
    [InlineData("gradings")]
    [InlineData("summary")]
    public void Exported_table_schema_is_stable(string table)
    {
        Assert.True(_export.Result.ExitCode == 0, _export.Result.ToString());
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // long, solutions and gradings are folders of one file per condition; the summary is one file.
        var files = table == "summary" ? table + ".parquet" : Path.Combine(table, "*.parquet");
        command.CommandText = $"DESCRIBE SELECT * FROM read_parquet('{Path.Combine(_export.Study.ExportDirectory, files)}')";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add($"{reader.GetString(0)} {reader.GetString(1)}");
        }

        Snapshot.Match(columns, SnapshotNameExtension.Create(table));
    }

    [Fact]
    public void Manifest_shape_is_stable()
    {
        Assert.True(_export.Result.ExitCode == 0, _export.Result.ToString());
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_export.Study.ExportDirectory, "manifest.json")))!;

        Snapshot.Match(Shape(manifest)!.ToJsonString());
    }

    [Fact]
    public void Manifest_names_every_condition_dataset_and_template()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_export.Study.ExportDirectory, "manifest.json")))!;

        Assert.Equal(8, manifest["conditions"]!.AsArray().Count);
        Assert.Equal(20, (int)manifest["datasets"]![0]!["items"]!);
        Assert.Equal(64, ((string)manifest["datasets"]![0]!["sha256"]!).Length);
        Assert.Equal(["direct", "cot"], manifest["templates"]!.AsArray().Select(template => (string)template!["name"]!));
    }

    /// <summary>Keys and value kinds only: values (hashes, times, commits) change, the shape must not.</summary>
    private static JsonNode? Shape(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, Shape(pair.Value)))),
        JsonArray array => new JsonArray(array.Count == 0 ? [] : [Shape(array[0])]),
        JsonValue value => JsonValue.Create(value.GetValueKind().ToString()),
        _ => JsonValue.Create("Null"),
    };
}
