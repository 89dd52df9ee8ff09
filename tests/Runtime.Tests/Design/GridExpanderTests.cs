using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;

namespace ItemEval.Runtime.Tests.Design;

public sealed class GridExpanderTests
{
    private static readonly SourceLocation Here = SourceLocation.Start("study.yaml");

    private static readonly Item[] Items =
    [
        new("quiz", "1", "a", "1", [], "numeric", new Dictionary<string, string>(), "h1"),
        new("quiz", "2", "b", "2", [], "numeric", new Dictionary<string, string>(), "h2"),
    ];

    [Fact]
    public void Crosses_models_lanes_templates_items_and_epochs()
    {
        var grid = GridExpander.Expand(Study(0.0), Templates("x", "y"), Items);

        Assert.Equal(2 * 2 * 2, grid.Conditions.Count); // 2 models × 2 lanes × 2 templates
        Assert.Equal(grid.Conditions.Count * Items.Length * 3, grid.Cells.Count);
        Assert.Equal(grid.Cells.Count, grid.Cells.Select(cell => cell.Key).Distinct().Count());
        Assert.Matches("^mock-a-cold-direct-[0-9a-f]{8}$", grid.Conditions[0].Id);
    }

    [Fact]
    public void Editing_one_template_changes_exactly_its_cells_and_keeps_condition_ids()
    {
        var before = GridExpander.Expand(Study(0.0), Templates("x", "y"), Items);
        var after = GridExpander.Expand(Study(0.0), Templates("x", "y edited"), Items);

        Assert.Equal(before.Conditions.Select(c => c.Id), after.Conditions.Select(c => c.Id));
        var changed = before.Cells.Zip(after.Cells).Where(pair => pair.First.Key != pair.Second.Key).Select(pair => pair.First.ConditionId).ToList();
        Assert.Equal(before.Cells.Count / 2, changed.Count);
        Assert.All(changed, id => Assert.Contains("-cot-", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_lanes_temperature_changes_only_that_lanes_cells()
    {
        var before = GridExpander.Expand(Study(0.0), Templates("x", "y"), Items);
        var after = GridExpander.Expand(Study(0.5), Templates("x", "y"), Items);

        var changed = before.Cells.Zip(after.Cells).Where(pair => pair.First.Key != pair.Second.Key).Select(pair => pair.First.ConditionId).Distinct().ToList();
        Assert.NotEmpty(changed);
        Assert.All(changed, id => Assert.StartsWith("mock-a-cold-", id, StringComparison.Ordinal));
    }

    private static PromptTemplate[] Templates(string direct, string cot) =>
        [new("direct", direct, null, Hashing.ContentHash.OfText(direct)), new("cot", cot, null, Hashing.ContentHash.OfText(cot))];

    private static StudyConfig Study(double coldTemperature)
    {
        var a = new ModelConfig("mock/a", [new LaneConfig("cold", new LaneParameters(Temperature: coldTemperature), Here), new LaneConfig("warm", new LaneParameters(Temperature: 1.0), Here)], new Dictionary<string, string>(), Here);
        var b = new ModelConfig("mock/b", [new LaneConfig("default", LaneParameters.None, Here), new LaneConfig("hot", new LaneParameters(Temperature: 1.5), Here)], new Dictionary<string, string>(), Here);
        return new StudyConfig("t", null, "study.yaml", ".", [], new DesignConfig([a, b], [], 3, Here), [], BudgetConfig.Unlimited);
    }
}
