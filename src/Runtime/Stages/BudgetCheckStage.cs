using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Budget.Gate;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Stages.Estimating;

namespace ItemEval.Runtime.Stages;

/// <summary>
/// The gate before any money is spent (Generate, and Grade after it): prices the pending cells the run policy covers
/// and the judge calls on their answers and on stored answers not yet judged, adds what the ledger says was spent, and lets <see cref="BudgetGate"/> decide — over <c>budget.max_usd</c> fails
/// (no flag lifts it), under <c>confirm_above_usd</c> proceeds, otherwise it asks or needs <c>--yes</c>.
/// </summary>
public static class BudgetCheckStage
{
    public static CostEstimate Run(StageContext context)
    {
        var study = LoadedStudy.Load(context);
        using var run = StageRun.Begin(context, study.Config.Name, "BudgetCheck");
        var scope = PolicyScope.For(context, study, run.Store);
        context.Reporter.Info(scope.Describe());
        var stages = StudyEstimate.For(context, study, run.Store, scope, StagePrices.Load(context, study, mayRefresh: true), withGrid: false);
        var estimate = stages.Total;
        var spent = run.Store.Ledger.TotalUsd();
        var cap = study.Config.Budget.MaxUsd is { } max ? $" of the ${max:0.00##} cap" : " (no cap set)";
        var unpriced = estimate.Lines.Where(line => !line.PriceKnown).Sum(line => line.Calls);
        var unknown = unpriced > 0 ? $", {unpriced} of them unpriced (cost unknown, in no sum)" : "";
        context.Reporter.Info($"estimated ${estimate.ExpectedUsd:0.0000} expected, ${estimate.WorstCaseUsd:0.0000} worst case for {estimate.Lines.Sum(line => line.Calls)} calls{unknown} ({estimate.Policy.Name} checked); spent so far ${spent:0.0000}{cap}");
        context.Reporter.Info(StageTotals.Describe(stages));

        // A dry run sends nothing, so there is nothing to confirm; the cap still applies, as it does to any plan.
        var confirmation = context.Confirmation ?? ConsoleConfirmation.Instance;
        var decision = BudgetGate.Decide(estimate, spent, study.Config.Budget, context.Options.Yes || context.Options.DryRun, confirmation.HasTerminal);
        foreach (var warning in decision.Warnings)
        {
            context.Reporter.Report(warning);
        }

        if (decision.Errors.Count > 0)
        {
            throw new StudyException(decision.Errors);
        }

        if (decision.Verdict == GateVerdict.Ask && !confirmation.Ask(decision.Question))
        {
            throw new StudyException(Diagnostic.Error(DiagnosticCodes.ConfirmationNeeded, "not confirmed: nothing was spent; re-run and answer y, or pass --yes", study.Config.Budget.Location));
        }

        if (!context.Options.DryRun)
        {
            // Export sets these beside what each condition's generation, and each judge grader's calls on it, then cost.
            Reporting.Books.EstimateLog.Append(context.ArtifactsDirectory, run.RunId, estimate);
        }

        run.Succeeded();
        return estimate;
    }
}
