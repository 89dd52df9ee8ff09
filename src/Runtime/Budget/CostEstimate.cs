namespace ItemEval.Runtime.Budget;

/// <summary>The estimate per condition and in total; <see cref="TotalUsd"/> is the figure the policy picks.</summary>
public sealed record CostEstimate(IReadOnlyList<CostLine> Lines, EstimatePolicy Policy)
{
    public decimal ExpectedUsd => Lines.Sum(line => line.ExpectedUsd);

    public decimal WorstCaseUsd => Lines.Sum(line => line.WorstCaseUsd);

    public decimal TotalUsd => Policy.UsesWorstCase ? WorstCaseUsd : ExpectedUsd;
}
