namespace ItemEval.Runtime.Datasets;

/// <summary>A data file format: its name in study.yaml and the file extensions that imply it when none is given.</summary>
internal sealed record DataFormat(string Name, IReadOnlyList<string> Extensions);
