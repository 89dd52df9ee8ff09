using ItemEval.Runtime.Budget;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Stages;

/// <summary>Turns the pending cells into the calls the estimator prices, rendering each prompt to measure it.</summary>
internal static class PendingCalls
{
    public static IReadOnlyList<PendingCall> From(LoadedStudy study, StudyStore store, PolicyScope scope)
    {
        var items = store.Items.ByUid();
        var conditions = study.ConditionsById;
        var calls = new List<PendingCall>();
        foreach (var cell in scope.Pending(store, study.Config.Design.RerunEmpty))
        {
            if (!conditions.TryGetValue(cell.ConditionId, out var condition) || !items.TryGetValue(cell.ItemUid, out var item))
            {
                continue;
            }

            var messages = TemplateRenderer.Render(condition.Template, item);
            var style = TypicalAnswer.StyleOf(string.Join("\n", messages.Select(message => message.Content)));
            calls.Add(new PendingCall(condition.Id, condition.Model.Id, messages.Sum(message => message.Content.Length), condition.Lane.Parameters, style));
        }

        return calls;
    }
}
