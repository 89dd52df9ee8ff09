using System.Data.Common;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Datasets;

/// <summary>Where each part of an item comes from in one data file, resolved (and checked) once per file.</summary>
internal sealed record ItemColumns(int? Id, int Input, int? Target, IReadOnlyList<int> Choices, bool ChoicesAsList, int? Scheme, IReadOnlyList<(string Name, int Ordinal)> Metadata)
{
    public static ItemColumns Resolve(DatasetConfig dataset, IReadOnlyList<string> columns)
    {
        var mapping = dataset.Mapping;
        var missing = new List<string>();
        int? Find(string? name, bool required)
        {
            if (name is null)
            {
                return null;
            }

            var index = columns.ToList().FindIndex(column => string.Equals(column, name, StringComparison.Ordinal));
            if (index < 0 && required)
            {
                missing.Add(name);
            }

            return index < 0 ? null : index;
        }

        var id = mapping.Id == DatasetReader.RowNumber ? null : Find(mapping.Id, required: mapping.Id != ItemMapping.Default.Id);
        var input = Find(mapping.Input, required: true);
        var target = Find(mapping.Target, required: mapping.Target != ItemMapping.Default.Target);
        var choiceNames = mapping.Choices?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var choices = choiceNames.Select(name => Find(name, required: true)).OfType<int>().ToList();
        var scheme = Find(mapping.Scheme, required: true);
        var metadata = mapping.Metadata.Select(name => (name, Find(name, required: true))).Where(pair => pair.Item2 is not null).Select(pair => (pair.name, pair.Item2!.Value)).ToList();
        if (missing.Count > 0)
        {
            throw new StudyException(Diagnostic.Error(
                DiagnosticCodes.MissingColumn,
                $"dataset '{dataset.Name}': {dataset.Path} has no column {string.Join(", ", missing.Select(name => $"'{name}'"))}; its columns are {string.Join(", ", columns)} — fix the mapping in study.yaml",
                dataset.Location));
        }

        return new ItemColumns(id, input!.Value, target, choices, choiceNames.Length == 1, scheme, metadata);
    }

    public Item? Map(DatasetConfig dataset, DbDataReader reader, int row, List<Diagnostic> diagnostics)
    {
        var input = CellText.Of(reader.GetValue(Input));
        if (string.IsNullOrWhiteSpace(input))
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.EmptyItemField, $"dataset '{dataset.Name}': row {row} of {dataset.Path} has an empty input ('{dataset.Mapping.Input}'); fill it or remove the row", dataset.Location));
            return null;
        }

        IReadOnlyList<string> choices = [];
        if (ChoicesAsList)
        {
            choices = CellText.List(reader.GetValue(Choices[0])) ?? [];
        }
        else if (Choices.Count > 0)
        {
            choices = Choices.Select(ordinal => CellText.Of(reader.GetValue(ordinal)) ?? "").ToList();
        }

        var target = Target is { } targetOrdinal ? CellText.Of(reader.GetValue(targetOrdinal)) : null;
        var scheme = Scheme is { } schemeOrdinal ? CellText.Of(reader.GetValue(schemeOrdinal)) : dataset.Scheme;
        var metadata = Metadata.ToDictionary(pair => pair.Name, pair => CellText.Of(reader.GetValue(pair.Ordinal)) ?? "", StringComparer.Ordinal);
        var id = Id is { } idOrdinal ? CellText.Of(reader.GetValue(idOrdinal)) ?? row.ToString(System.Globalization.CultureInfo.InvariantCulture) : row.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Item(dataset.Name, id, input, target, choices, scheme ?? dataset.Scheme, metadata, DatasetReader.HashOf(input, target, choices, scheme, metadata));
    }
}
