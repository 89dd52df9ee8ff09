namespace ItemEval.Runtime.Config;

/// <summary>A path named in study.yaml: as written against the study folder, where its links really lead, and whether that is allowed.</summary>
public sealed record StudyPath(string Full, string Real, bool Allowed);
