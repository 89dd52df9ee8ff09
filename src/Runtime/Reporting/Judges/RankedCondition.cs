namespace ItemEval.Runtime.Reporting.Judges;

/// <summary>A condition's place in a pairwise judge's ranking: its Bradley-Terry strength and bootstrap 95% interval.</summary>
public sealed record RankedCondition(int Rank, string Condition, double Strength, double? Low, double? High);
