namespace ItemEval.Runtime.Budget;

/// <summary>The estimate per condition and in total.</summary>
public sealed record CostEstimate(IReadOnlyList<CostLine> Lines)
{
    public decimal TotalUsd => Lines.Sum(line => line.Usd);
}
