using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// The gate before any money is spent: prices the pending cells, adds what the ledger says was spent, and fails
/// above <c>budget.max_usd</c> (no flag lifts it) or, when anything costs money, without confirmation.
/// </summary>
public static class BudgetCheckStage
{
    public static CostEstimate Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "BudgetCheck");
        var scope = PolicyScope.For(context, study, run.Store);
        context.Reporter.Info(scope.Describe());
        var estimate = CostEstimator.Estimate(PendingCalls.From(study, run.Store, scope), PriceTable.For(study.Config.Budget), EstimatePolicy.Parse(context.Options.Estimate));
        var spent = run.Store.Ledger.TotalUsd();
        var cap = study.Config.Budget.MaxUsd is { } max ? $" of the ${max:0.00##} cap" : " (no cap set)";
        context.Reporter.Info($"estimated ${estimate.ExpectedUsd:0.0000} expected, ${estimate.WorstCaseUsd:0.0000} worst case for {estimate.Lines.Sum(line => line.Calls)} calls ({estimate.Policy.Name} checked); spent so far ${spent:0.0000}{cap}");

        // A dry run sends nothing, so there is nothing to confirm; the cap still applies, as it does to any plan.
        var diagnostics = BudgetGate.Check(estimate, spent, study.Config.Budget, context.Options.Yes || context.Options.DryRun);
        if (diagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            throw new StudyException(diagnostics);
        }

        run.Succeeded();
        return estimate;
    }
}
