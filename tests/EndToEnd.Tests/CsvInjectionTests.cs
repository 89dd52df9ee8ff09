namespace ItemEval.EndToEnd.Tests;

/// <summary>Exported CSVs open in spreadsheets: no cell may start a formula (OWASP CSV injection).</summary>
public sealed class CsvInjectionTests
{
    private const string FormulaId = "=cmd|' /C calc'!A0";

    [Fact]
    public void A_formula_shaped_item_id_is_quoted_in_every_csv_and_kept_raw_in_parquet()
    {
        using var study = StudyWorkspace.CopyOf("example");
        study.Edit("data/items.jsonl", text => text.Replace("\"id\": \"n01\"", "\"id\": \"=cmd|' /C calc'!A0\"", StringComparison.Ordinal));

        var result = study.Build("Export", "--update-locks");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var table in new[] { "long", "solutions" })
        {
            var csv = Path.Combine(study.ExportDirectory, table + ".csv");
            var rows = study.Query<int>($"SELECT count(*) FROM read_csv('{csv}', all_varchar = true) WHERE item_id = '''{FormulaId.Replace("'", "''", StringComparison.Ordinal)}'");
            Assert.True(rows > 0, $"{table}.csv has no quoted formula id");
            Assert.Equal(rows, study.Query<int>($"SELECT count(*) FROM read_parquet('{Path.Combine(study.ExportDirectory, table, "*.parquet")}') WHERE item_id = '{FormulaId.Replace("'", "''", StringComparison.Ordinal)}'"));
        }

        // Read back the way a spreadsheet would see them: every cell of every CSV, as text.
        foreach (var csv in Directory.EnumerateFiles(study.ExportDirectory, "*.csv"))
        {
            var formulas = study.Query<int>(
                $"""
                SELECT count(*) FROM (UNPIVOT (SELECT * FROM read_csv('{csv}', all_varchar = true)) ON COLUMNS(*) INTO NAME name VALUE cell)
                WHERE list_contains(['=', '+', '-', '@', chr(9), chr(13)], left(cell, 1)) AND TRY_CAST(cell AS DOUBLE) IS NULL
                """);
            Assert.True(formulas == 0, $"{Path.GetFileName(csv)} has {formulas} cell(s) a spreadsheet would run as a formula");
        }
    }
}
