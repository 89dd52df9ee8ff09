using ItemEval.Runtime.Batches;
using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Grading.Judges;
using ItemEval.Runtime.Stages.Grade;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages.Estimating;

/// <summary>
/// The LLM-judge calls still to make, as the estimator prices them. Which gradings are pending is Grade's own rule
/// (<see cref="GradingPlan"/>, <see cref="PairwisePlan"/>: one call per answer and rubric or compliance judge, each pair
/// of conditions in both orders for a pairwise judge), applied to the stored answers plus the cells Generate will still
/// answer. A prompt is the judge template filled for the item with the answers left out, counted once per grader and
/// item, plus each judged answer counted for the judge model: a stored answer itself, an answer not generated yet as
/// its condition's mean stored answer, or, before the condition has any, the generation estimate's typical answer.
/// A grading whose prompt another one already sends is a response-cache hit, $0, and left out (<see cref="JudgeCacheHits"/>).
/// </summary>
internal sealed class JudgeCalls
{
    /// <summary>Stored answers per condition counted to size the answers still to come: plenty for a mean.</summary>
    private const int AnswerSample = 200;

    private readonly LoadedStudy _study;
    private readonly Dictionary<string, PendingCall> _coming;
    private readonly Dictionary<string, List<string>> _samples;
    private readonly Dictionary<(string Grader, string Item), (int Tokens, AnswerStyle Style)> _prompts = [];
    private readonly Dictionary<(string Model, string CellKey), int> _answers = [];
    private readonly Dictionary<(string Model, string Condition), int?> _meanAnswers = [];

    private JudgeCalls(LoadedStudy study, IReadOnlyList<GradableSolution> stored, IReadOnlyList<(Cell Cell, PendingCall Generation)> coming)
    {
        _study = study;
        _coming = coming.ToDictionary(pair => pair.Cell.Key, pair => pair.Generation, StringComparer.Ordinal);
        _samples = stored.Where(solution => solution.Status == SolutionStatus.Done)
            .GroupBy(solution => solution.ConditionId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Take(AnswerSample).Select(solution => solution.Output).ToList(), StringComparer.Ordinal);
    }

    /// <param name="coming">Cells without a stored answer that will be judged once generated, with their generation estimate.</param>
    /// <param name="wholeGrid">Price every judgment of the grid, made or not; else only those not yet stored.</param>
    public static IReadOnlyList<PendingCall> Of(
        LoadedStudy study,
        StudyStore store,
        IReadOnlyDictionary<string, Item> items,
        IReadOnlyList<(Cell Cell, PendingCall Generation)> coming,
        bool wholeGrid)
    {
        var judges = study.EffectiveGraders(items.Values.Select(item => item.Scheme)).Where(grader => grader.Judge is not null).ToList();
        if (judges.Count == 0)
        {
            return [];
        }

        // Read only when a study has judges: a large study of verifiable scorers has a grading per answer.
        var finished = wholeGrid ? new HashSet<string>() : store.Gradings.FinishedKeys();
        var stored = store.Solutions.Gradable();
        var calls = new JudgeCalls(study, stored, coming);
        var comingKeys = calls._coming.Keys.ToHashSet(StringComparer.Ordinal);

        // An answer still to come joins the plans as a solution without text; its size is added by the judge's count.
        var solutions = stored.Where(solution => !comingKeys.Contains(solution.CellKey))
            .Concat(coming.Select(pair => new GradableSolution(pair.Cell.Key, pair.Cell.ItemUid, SolutionStatus.Done, "")
            {
                ConditionId = pair.Cell.ConditionId,
                Epoch = pair.Cell.Epoch,
            }))
            .ToList();
        var perSolution = judges.Where(grader => grader.Type != GradePlans.PairwiseType).ToList();
        var pairwise = judges.Where(grader => grader.Type == GradePlans.PairwiseType).ToList();
        var pending = GradingPlan.For(solutions, items, perSolution, finished, grader => study.JudgePrompts[grader.Name].ContentHash).Pending
            .Where(grading => grading.Solution.Status == SolutionStatus.Done)
            .Concat(PairwisePlan.For(solutions, items, pairwise, study.Conditions, study.JudgePrompts, finished).Pending);
        return JudgeCacheHits.Sent(pending, comingKeys).Select(calls.Call).ToList();
    }

    /// <summary>
    /// The judge models whose pending calls Grade will send as batch jobs, by the rule it routes by (judge calls counted
    /// per judge model against <c>batch_min_cells</c>).
    /// </summary>
    public static HashSet<string> Batched(LoadedStudy study, PolicyScope scope, IReadOnlyList<PendingCall> calls)
    {
        var callsPerModel = calls.CountBy(call => call.Model).ToDictionary(StringComparer.Ordinal);
        return study.Config.Graders.Select(grader => grader.Judge?.Model).OfType<ModelConfig>().DistinctBy(model => model.Id)
            .Where(model => BatchRoutes.Decide(model, callsPerModel.GetValueOrDefault(model.Id), study.Config.Batch, scope.Policy.Batch) == BatchRoute.Batch)
            .Select(model => model.Id)
            .ToHashSet(StringComparer.Ordinal);
    }

    private PendingCall Call(PendingGrading grading)
    {
        var judge = grading.Grader.Judge!;
        var (tokens, style) = Prompt(grading.Grader, grading.Item);
        tokens += Answer(judge.Model.Id, grading.Solution);
        if (grading.Second is { } second)
        {
            tokens += Answer(judge.Model.Id, second);
        }

        return new PendingCall(grading.Solution.ConditionId, judge.Model.Id, 0, judge.Lane, style, tokens, grading.Grader.Name);
    }

    /// <summary>The judge's prompt for the item with the answers left empty, and the answer style it asks for.</summary>
    private (int Tokens, AnswerStyle Style) Prompt(GraderConfig grader, Item item)
    {
        if (!_prompts.TryGetValue((grader.Name, item.Uid), out var known))
        {
            var prompt = _study.JudgePrompts[grader.Name];
            var statement = grader.Judge!.StatementColumn is { } column ? item.Metadata.GetValueOrDefault(column, "") : prompt.Statement?.TrimEnd();
            var empty = new Dictionary<string, string>(StringComparer.Ordinal) { ["output"] = "", ["output_a"] = "", ["output_b"] = "" };
            var message = JudgeRenderer.Render(prompt, item, empty, statement);
            known = (TokenEstimator.Count(grader.Judge.Model.Id, message.Content), TypicalAnswer.StyleOf(message.Content));
            _prompts[(grader.Name, item.Uid)] = known;
        }

        return known;
    }

    private int Answer(string judgeModel, GradableSolution solution)
    {
        var key = (judgeModel, solution.CellKey);
        if (!_answers.TryGetValue(key, out var tokens))
        {
            tokens = _coming.TryGetValue(solution.CellKey, out var generation)
                ? MeanAnswer(judgeModel, solution.ConditionId) ?? TypicalAnswerTokens(generation)
                : Tokens(judgeModel, solution.Output);
            _answers[key] = tokens;
        }

        return tokens;
    }

    /// <summary>The mean of the condition's stored answers counted for the judge model; null before it has any.</summary>
    private int? MeanAnswer(string judgeModel, string conditionId)
    {
        if (!_meanAnswers.TryGetValue((judgeModel, conditionId), out var mean))
        {
            mean = _samples.TryGetValue(conditionId, out var outputs) ? (int)Math.Ceiling(outputs.Average(output => Tokens(judgeModel, output))) : null;
            _meanAnswers[(judgeModel, conditionId)] = mean;
        }

        return mean;
    }

    /// <summary>
    /// The visible answer the generation estimate expects: reasoning tokens are billed to the generator but never reach
    /// the judge's prompt.
    /// </summary>
    private static int TypicalAnswerTokens(PendingCall generation) =>
        Math.Min(TypicalAnswer.Tokens(generation.Style), OutputEstimate.For(generation.Model, generation.Parameters, generation.Style).ExpectedTokens);

    private static int Tokens(string judgeModel, string text) => Math.Max(0, TokenEstimator.Count(judgeModel, text) - TokenEstimator.TokensPerMessage);
}
