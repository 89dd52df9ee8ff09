namespace ItemEval.Runtime.Stages;

/// <summary>
/// Content hashes of each stage's configuration inputs. The targets write each to a stamp file only when it changed
/// (WriteOnlyWhenDifferent), and the stage's target lists the stamp as an input.
/// </summary>
public sealed record StudyFingerprints(string Datasets, string Grid, string Budget, string Grading, string Export);
