namespace ItemEval.Build.Arguments;

/// <summary>A study the front end will build: its name (the folder's) and its study.yaml.</summary>
internal sealed record ResolvedStudy(string Name, string StudyFile);
